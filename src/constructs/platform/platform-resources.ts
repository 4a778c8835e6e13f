import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PLATFORM_NAMESPACE } from "../cluster/service-accounts";
import { HelmRelease } from "../helm/helm-release";
import { typedChartFiles } from "../helm/typed-chart";
import { PLATFORM_RESOURCES_VALUES, platformResourcesObjects } from "./platform-resources-chart";

/** Version of the chart (raised when its objects change shape, for `helm history`). */
export const PLATFORM_RESOURCES_VERSION = "0.2.0";
/** The ClusterSecretStore every ExternalSecret refers to. */
export const CLUSTER_SECRET_STORE = "aws-secrets-manager";
/** Karpenter's EC2NodeClass and NodePool. */
export const NODE_CLASS_NAME = "default";
export const NODE_POOL_NAME = "default";

/** Karpenter's NodePool limit on total vCPUs when not given. */
export const DEFAULT_NODE_POOL_CPU_LIMIT = 200;
/** Instance categories Karpenter may choose from: compute, general purpose, memory optimised. */
export const DEFAULT_INSTANCE_CATEGORIES = ["c", "m", "r"];

export interface PlatformResourcesProps {
  readonly region: string;
  /** Namespaces whose ExternalSecrets may use the ClusterSecretStore. */
  readonly secretStoreNamespaces: readonly string[];
  /** Karpenter's node role name (known at apply time) and discovery tag value (the cluster name). */
  readonly karpenterNodeRoleName: string;
  readonly discoveryTag: string;
  readonly amiAlias: string;
  /** KMS key of node root volumes (known at apply time). */
  readonly volumeKmsKeyArn: string;
  /** `on-demand` and/or `spot`. */
  readonly capacityTypes: readonly string[];
  /** `amd64` and/or `arm64`. */
  readonly architectures: readonly string[];
  /** @default DEFAULT_NODE_POOL_CPU_LIMIT */
  readonly cpuLimit?: number;
  /** @default DEFAULT_INSTANCE_CATEGORIES */
  readonly instanceCategories?: readonly string[];
  /** The releases that install the CRDs (External Secrets, Karpenter). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The ClusterSecretStore and Karpenter's EC2NodeClass and NodePool, as a typed local chart
 * released after the charts that own their CRDs. (A `kubernetes_manifest` would need the CRDs at
 * plan time, which fails on a fresh cluster; a Helm release resolves kinds only when it installs.)
 */
export class PlatformResources extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: PlatformResourcesProps) {
    super(scope, id);
    this.release = new HelmRelease(this, "release", {
      name: "platform-resources",
      namespace: PLATFORM_NAMESPACE,
      chart: "platform-resources",
      version: PLATFORM_RESOURCES_VERSION,
      localChart: typedChartFiles({
        name: "platform-resources",
        version: PLATFORM_RESOURCES_VERSION,
        description: "Custom resources of the platform add-ons, released after the charts that own their CRDs",
        values: PLATFORM_RESOURCES_VALUES,
        objects: platformResourcesObjects({
          secretStoreName: CLUSTER_SECRET_STORE,
          region: props.region,
          secretStoreNamespaces: props.secretStoreNamespaces,
          nodeClassName: NODE_CLASS_NAME,
          nodePoolName: NODE_POOL_NAME,
          amiAlias: props.amiAlias,
          discoveryTag: props.discoveryTag,
          capacityTypes: props.capacityTypes,
          architectures: props.architectures,
          instanceCategories: props.instanceCategories ?? DEFAULT_INSTANCE_CATEGORIES,
          cpuLimit: props.cpuLimit ?? DEFAULT_NODE_POOL_CPU_LIMIT,
        }),
      }),
      defaults: { nodeRoleName: props.karpenterNodeRoleName, volumeKmsKeyArn: props.volumeKmsKeyArn },
      dependsOn: props.dependsOn,
    });
  }
}
