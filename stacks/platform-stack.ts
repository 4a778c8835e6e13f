import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { amiTypeFor } from "../src/constructs/cluster/instance-architecture";
import { APPS_NAMESPACE, OBSERVABILITY_NAMESPACE, PLATFORM_NAMESPACE } from "../src/constructs/cluster/service-accounts";
import { DEFAULT_SUBNET_PREFIX_LENGTH, requireSubnetPlan } from "../src/constructs/network/subnet-plan";
import { connectToCluster } from "../src/constructs/platform/cluster-connection";
import { DefaultStorageClass } from "../src/constructs/platform/default-storage-class";
import { defaultHighAvailability, KARPENTER_AMI_ALIAS } from "../src/constructs/platform/defaults";
import { ExternalSecrets } from "../src/constructs/platform/external-secrets";
import { IsolatedNamespace } from "../src/constructs/platform/isolated-namespace";
import { Karpenter } from "../src/constructs/platform/karpenter";
import { LoadBalancerController } from "../src/constructs/platform/load-balancer-controller";
import { MetricsServer } from "../src/constructs/platform/metrics-server";
import { PlatformResources } from "../src/constructs/platform/platform-resources";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "../src/constructs/workloads/catalog";
import { CLUSTER_OUTPUTS, type ClusterStack } from "./cluster-stack";
import { CORE_OUTPUTS, type CoreStack } from "./core-stack";
import { EnvironmentStack } from "./environment-stack";
import { StackOutputs } from "./stack-outputs";

/** The stacks whose outputs the platform stack reads. */
export interface PlatformStackInputs {
  readonly core: CoreStack;
  readonly cluster: ClusterStack;
}

/** Ports the control plane and kubelets reach in the platform namespace: webhooks, metrics API, probes. */
export const PLATFORM_INGRESS_PORTS = [8080, 8081, 9443, 10250, 61779];
const HTTPS = 443;
const KUBELET = 10250;
/** node-exporter listens on each node's address (host network); Prometheus scrapes it there. */
const NODE_EXPORTER = 9100;
const ANYWHERE = "0.0.0.0/0";

/**
 * `<env>-platform`: the Kubernetes side of the cluster: namespaces with default-deny network
 * policies, the default StorageClass, and the add-ons (AWS Load Balancer Controller, External
 * Secrets Operator with a ClusterSecretStore, metrics-server, Karpenter with its NodePool).
 * The Kubernetes and Helm providers read the cluster through data sources by name; the
 * cluster itself is created by `<env>-cluster` in an earlier apply.
 */
export class PlatformStack extends EnvironmentStack {
  readonly highAvailability: boolean;

  constructor(scope: Construct, env: EnvironmentConfig, inputs: PlatformStackInputs) {
    super(scope, env, "platform");
    const core = new StackOutputs(this, "core-outputs", inputs.core);
    const clusterOutputs = new StackOutputs(this, "cluster-outputs", inputs.cluster);
    const storageKeyArn = clusterOutputs.string(CLUSTER_OUTPUTS.storageKeyArn);
    const { account, network } = env;
    const ha = env.platform.highAvailability ?? defaultHighAvailability(env.tier);
    this.highAvailability = ha;

    connectToCluster(this, { clusterName: this.clusterName, region: account.region });

    const zones = network.availabilityZones.length;
    const plan = requireSubnetPlan(this, network.vpcCidr, zones, network.subnetPrefixLength ?? DEFAULT_SUBNET_PREFIX_LENGTH);
    const vpc = [network.vpcCidr];

    const platform = new IsolatedNamespace(this, "platform-namespace", {
      name: PLATFORM_NAMESPACE,
      ingress: [{ cidrs: vpc, ports: PLATFORM_INGRESS_PORTS }, { namespaces: [OBSERVABILITY_NAMESPACE] }],
      egress: [
        { cidrs: [ANYWHERE], ports: [HTTPS] },
        { cidrs: vpc, ports: [KUBELET] },
      ],
    });
    new IsolatedNamespace(this, "observability-namespace", {
      name: OBSERVABILITY_NAMESPACE,
      // Web and engine send traces to the collector gateway (their egress policies allow the same ports).
      ingress: [{ cidrs: plan.public }, { namespaces: [APPS_NAMESPACE], ports: [OTLP_GRPC_PORT, OTLP_HTTP_PORT] }],
      egress: [
        { namespaces: [PLATFORM_NAMESPACE, APPS_NAMESPACE, "kube-system"] },
        { cidrs: [ANYWHERE], ports: [HTTPS] },
        { cidrs: vpc, ports: [KUBELET, NODE_EXPORTER] },
      ],
    });
    // The apps stack's per-workload policies open exactly the ports each workload needs.
    new IsolatedNamespace(this, "apps-namespace", { name: APPS_NAMESPACE, allowSameNamespace: false });

    new DefaultStorageClass(this, "default-storage-class", { kmsKeyArn: storageKeyArn, retainVolumes: env.deletionProtection });

    const after = [platform.namespace];
    new LoadBalancerController(this, "load-balancer-controller", {
      clusterName: this.clusterName,
      region: account.region,
      vpcId: core.string(CORE_OUTPUTS.vpcId),
      highAvailability: ha,
      overrides: env.addons.awsLoadBalancerController?.values,
      dependsOn: after,
    });
    const externalSecrets = new ExternalSecrets(this, "external-secrets", {
      highAvailability: ha,
      overrides: env.addons.externalSecrets?.values,
      dependsOn: after,
    });
    new MetricsServer(this, "metrics-server", { highAvailability: ha, overrides: env.addons.metricsServer?.values, dependsOn: after });
    const karpenter = new Karpenter(this, "karpenter", {
      clusterName: this.clusterName,
      interruptionQueueName: clusterOutputs.string(CLUSTER_OUTPUTS.interruptionQueueName),
      highAvailability: ha,
      overrides: env.addons.karpenter?.values,
      dependsOn: after,
    });

    const capacity = { ON_DEMAND: "on-demand", SPOT: "spot" } as const;
    const groups = env.cluster.nodeGroups;
    new PlatformResources(this, "platform-resources", {
      region: account.region,
      secretStoreNamespaces: [APPS_NAMESPACE, OBSERVABILITY_NAMESPACE],
      karpenterNodeRoleName: clusterOutputs.string(CLUSTER_OUTPUTS.karpenterNodeRoleName),
      discoveryTag: this.clusterName,
      amiAlias: KARPENTER_AMI_ALIAS,
      volumeKmsKeyArn: storageKeyArn,
      capacityTypes: [...new Set(groups.map((g) => capacity[g.capacityType]))].sort(),
      architectures: [...new Set(groups.map((g) => (amiTypeFor(g.instanceTypes).includes("ARM") ? "arm64" : "amd64")))].sort(),
      dependsOn: [externalSecrets.release.release, karpenter.release.release],
    });

    new TerraformOutput(this, "namespaces", {
      value: [PLATFORM_NAMESPACE, OBSERVABILITY_NAMESPACE, APPS_NAMESPACE],
      description: "Namespaces with default-deny network policies",
    });
    new TerraformOutput(this, "high_availability", {
      value: ha,
      description: "Whether add-ons run ≥ 2 replicas with PodDisruptionBudgets",
    });
  }
}
