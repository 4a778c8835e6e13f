import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { PLATFORM_NAMESPACE } from "../cluster/service-accounts";
import { PLATFORM_RESOURCES_CHART_FILES } from "./platform-resources-chart";

/** Version in the chart's Chart.yaml (platform-resources-chart.ts). */
export const PLATFORM_RESOURCES_VERSION = "0.1.0";

/** Name of the ClusterSecretStore every ExternalSecret refers to. */
export const CLUSTER_SECRET_STORE_NAME = "aws-secrets-manager";

/** Karpenter's NodePool limit on total vCPUs when not given. */
export const DEFAULT_NODE_POOL_CPU_LIMIT = 200;
/** Instance categories Karpenter may choose from: compute, general purpose, memory optimised. */
export const DEFAULT_INSTANCE_CATEGORIES = ["c", "m", "r"];

export interface PlatformResourcesProps {
  readonly region: string;
  /** Namespaces whose ExternalSecrets may use the ClusterSecretStore. */
  readonly secretStoreNamespaces: readonly string[];
  /** Karpenter's node role name and discovery tag value (the cluster name). */
  readonly karpenterNodeRoleName: string;
  readonly discoveryTag: string;
  readonly amiAlias: string;
  /** KMS key of node root volumes. */
  readonly volumeKmsKeyArn: string;
  /** `on-demand` and/or `spot`. */
  readonly capacityTypes: readonly string[];
  /** `amd64` and/or `arm64`. */
  readonly architectures: readonly string[];
  /** @default DEFAULT_NODE_POOL_CPU_LIMIT */
  readonly cpuLimit?: number;
  /** @default DEFAULT_INSTANCE_CATEGORIES */
  readonly instanceCategories?: readonly string[];
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** The releases that install the CRDs (External Secrets, Karpenter). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The ClusterSecretStore and Karpenter's EC2NodeClass and NodePool, as a small chart released
 * after the charts that own their CRDs. (A `kubernetes_manifest` would need the CRDs at plan
 * time, which fails on a fresh cluster; a Helm release resolves kinds only when it installs.)
 */
export class PlatformResources extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: PlatformResourcesProps) {
    super(scope, id);
    this.release = new HelmRelease(this, "release", {
      name: "platform-resources",
      namespace: PLATFORM_NAMESPACE,
      chart: "platform-resources",
      localChart: PLATFORM_RESOURCES_CHART_FILES,
      version: PLATFORM_RESOURCES_VERSION,
      defaults: {
        clusterSecretStore: { name: CLUSTER_SECRET_STORE_NAME, region: props.region, allowedNamespaces: [...props.secretStoreNamespaces] },
        ec2NodeClass: {
          role: props.karpenterNodeRoleName,
          amiAlias: props.amiAlias,
          discoveryTag: props.discoveryTag,
          kmsKeyId: props.volumeKmsKeyArn,
          tags: { "sparki.dev/provisioner": "karpenter" },
        },
        nodePool: {
          capacityTypes: [...props.capacityTypes],
          architectures: [...props.architectures],
          instanceCategories: [...(props.instanceCategories ?? DEFAULT_INSTANCE_CATEGORIES)],
          cpuLimit: props.cpuLimit ?? DEFAULT_NODE_POOL_CPU_LIMIT,
          labels: { "sparki.dev/pool": "karpenter" },
        },
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
