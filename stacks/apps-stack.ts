import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { DEFAULT_SUBNET_PREFIX_LENGTH, requireSubnetPlan } from "../src/constructs/network/subnet-plan";
import { connectToCluster } from "../src/constructs/platform/cluster-connection";
import { COLOURS, EDGE_OUTPUTS, WORKLOAD_NAMES, type Colour, type WorkloadName } from "../src/constructs/workloads/catalog";
import { USES_DATA_STORES } from "../src/constructs/workloads/defaults";
import { WorkloadBase } from "../src/constructs/workloads/workload-base";
import { WorkloadColour } from "../src/constructs/workloads/workload-colour";
import { isRunning, type ReleaseFile } from "../src/release/schema";
import { CLUSTER_OUTPUTS, type ClusterStack } from "./cluster-stack";
import { CORE_OUTPUTS, type CoreStack } from "./core-stack";
import type { EdgeStack } from "./edge-stack";
import { EnvironmentStack } from "./environment-stack";
import type { PlatformStack } from "./platform-stack";
import { StackOutputs } from "./stack-outputs";

/** The stacks the apps stack reads (core, cluster, edge) or must follow (platform). */
export interface AppsStackInputs {
  readonly core: CoreStack;
  readonly cluster: ClusterStack;
  readonly platform: PlatformStack;
  /** `<env>-edge`: its outputs named in EDGE_OUTPUTS give each colour's target group. */
  readonly edge: EdgeStack;
}

/**
 * `<env>-apps`: Kubernetes only. Per workload a base release (service account, secrets, settings,
 * network policies) and a release per colour that has an image in `releases/<env>.yaml`
 * (Deployment, Service, autoscaler, disruption budget, TargetGroupBinding; the engine's
 * migration hook). Traffic weights are not here: they live in `<env>-edge`.
 */
export class AppsStack extends EnvironmentStack {
  /** Releases by name (`web`, `web-blue`, …). */
  readonly releases: ReadonlyMap<string, WorkloadBase | WorkloadColour>;

  constructor(scope: Construct, env: EnvironmentConfig, inputs: AppsStackInputs, release: ReleaseFile) {
    super(scope, env, "apps");
    // The platform stack installs the controllers these objects need (load balancer, External Secrets).
    this.addDependency(inputs.platform);
    const core = new StackOutputs(this, "core-outputs", inputs.core);
    const cluster = new StackOutputs(this, "cluster-outputs", inputs.cluster);
    const edge = new StackOutputs(this, "edge-outputs", inputs.edge);
    connectToCluster(this, { clusterName: this.clusterName, region: env.account.region });

    const { network } = env;
    const zones = network.availabilityZones.length;
    const plan = requireSubnetPlan(this, network.vpcCidr, zones, network.subnetPrefixLength ?? DEFAULT_SUBNET_PREFIX_LENGTH);

    const readers = core.list(CORE_OUTPUTS.databaseReaderEndpoints);
    const dataStoreValues = {
      databaseHost: core.string(CORE_OUTPUTS.databaseEndpoint),
      // Without replicas, reads go to the writer.
      databaseReaderHosts: (env.database.readReplicas ?? 0) > 0 ? Fn.join(",", readers) : core.string(CORE_OUTPUTS.databaseEndpoint),
      cacheHost: core.string(CORE_OUTPUTS.cachePrimaryEndpoint),
      cacheUser: core.string(CORE_OUTPUTS.cacheUserName),
    };

    const releases = new Map<string, WorkloadBase | WorkloadColour>();
    for (const workload of WORKLOAD_NAMES) {
      const base = new WorkloadBase(this, workload, {
        workload,
        environment: env.name,
        secretPrefix: this.resourcePrefix,
        loadBalancerCidrs: plan.public,
        dataStoreCidrs: plan.database,
      });
      releases.set(workload, base);
      for (const colour of stagedColours(release, workload)) {
        const colourRelease = release[workload][colour];
        const name = `${workload}-${colour}`;
        releases.set(
          name,
          new WorkloadColour(this, name, {
            workload,
            colour,
            environment: env.name,
            image: colourRelease.image!,
            running: isRunning(colourRelease),
            sizing: env.workloads[workload],
            values: {
              imageRepository: cluster.string(CLUSTER_OUTPUTS.repositoryUrl(workload)),
              targetGroupArn: edge.string(EDGE_OUTPUTS.targetGroupArn(workload, colour)),
              ...(USES_DATA_STORES[workload] ? dataStoreValues : {}),
            },
            dependsOn: [base.release.release],
          }),
        );
      }
    }
    this.releases = releases;
  }
}

/** Colours of a workload that have an image in the release file (scaled to zero or not). */
export function stagedColours(release: ReleaseFile, workload: WorkloadName): Colour[] {
  return COLOURS.filter((colour) => release[workload][colour].image !== null);
}
