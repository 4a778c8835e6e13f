import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { experimentsEnabled } from "../src/constructs/resilience/defaults";
import { ExperimentLogGroup } from "../src/constructs/resilience/experiment-log-group";
import { ExperimentNotifications } from "../src/constructs/resilience/experiment-notifications";
import { ExperimentRole } from "../src/constructs/resilience/experiment-role";
import { plannedExperiments, type ExperimentPlan } from "../src/constructs/resilience/experiments";
import { FaultExperiment } from "../src/constructs/resilience/fault-experiment";
import { ServiceHealthAlarms } from "../src/constructs/resilience/service-health-alarms";
import { COLOURS, EDGE_OUTPUTS, WORKLOAD_NAMES, type Colour, type WorkloadName } from "../src/constructs/workloads/catalog";
import type { ClusterStack } from "./cluster-stack";
import { CLUSTER_OUTPUTS } from "./cluster-stack";
import type { CoreStack } from "./core-stack";
import { CORE_OUTPUTS } from "./core-stack";
import type { EdgeStack } from "./edge-stack";
import { EnvironmentStack } from "./environment-stack";
import { StackOutputs } from "./stack-outputs";

/** Outputs of the resilience stack runbooks and scripts read: names are API. */
export const RESILIENCE_OUTPUTS = {
  experimentTemplateIds: "experiment_template_ids",
  stopConditionAlarmNames: "stop_condition_alarm_names",
  experimentLogGroupName: "experiment_log_group_name",
} as const;

export interface ResilienceStackProducers {
  readonly core: CoreStack;
  readonly cluster: ClusterStack;
  /** The stack that outputs the load balancer and target groups (`EDGE_OUTPUTS`). */
  readonly edge: EdgeStack;
}

/**
 * `<env>-resilience`: proof that the environment survives what its design claims — the "users
 * are hurt" alarms derived from the service level objectives, and (where the environment file
 * turns them on) AWS FIS experiment templates that fail over the database and the cache, kill
 * nodes and cut a zone off, each stopped by those alarms and logged. AWS only.
 */
export class ResilienceStack extends EnvironmentStack {
  readonly alarms: ServiceHealthAlarms;
  readonly experiments: readonly FaultExperiment[];

  constructor(scope: Construct, env: EnvironmentConfig, producers: ResilienceStackProducers) {
    super(scope, env, "resilience");
    const core = new StackOutputs(this, "core-outputs", producers.core);
    const edge = new StackOutputs(this, "edge-outputs", producers.edge);

    const targetGroupArns = Object.fromEntries(
      WORKLOAD_NAMES.map((w) => [w, Object.fromEntries(COLOURS.map((c) => [c, edge.string(EDGE_OUTPUTS.targetGroupArn(w, c))]))]),
    ) as Record<WorkloadName, Record<Colour, string>>;
    this.alarms = new ServiceHealthAlarms(this, "service-health", {
      name: this.resourcePrefix,
      loadBalancerArnSuffix: edge.string(EDGE_OUTPUTS.loadBalancerArnSuffix),
      targetGroupArns,
    });

    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output(
      RESILIENCE_OUTPUTS.stopConditionAlarmNames,
      this.alarms.names,
      "CloudWatch alarms that mean users are hurt (experiment stop conditions)",
    );
    this.experiments = experimentsEnabled(env)
      ? this.addExperiments(env, core, new StackOutputs(this, "cluster-outputs", producers.cluster))
      : [];
    if (this.experiments.length > 0) {
      output(
        RESILIENCE_OUTPUTS.experimentTemplateIds,
        Object.fromEntries(this.experiments.map((e) => [e.node.id, e.templateId])),
        "AWS FIS experiment template id per experiment (aws fis start-experiment --experiment-template-id)",
      );
    }
  }

  private addExperiments(env: EnvironmentConfig, core: StackOutputs, cluster: StackOutputs): FaultExperiment[] {
    const { account } = env;
    const plans: ExperimentPlan[] = plannedExperiments({
      region: account.region,
      accountId: account.id,
      zones: env.network.availabilityZones,
      vpcId: core.string(CORE_OUTPUTS.vpcId),
      subnetTag: { Environment: env.name },
      clusterName: cluster.string(CLUSTER_OUTPUTS.clusterName),
      database: env.database.multiAz ? { arn: core.string(CORE_OUTPUTS.databaseArn) } : undefined,
      cache:
        env.cache.multiAz && env.cache.replicas > 0
          ? { replicationGroupArn: core.string(CORE_OUTPUTS.cacheReplicationGroupArn) }
          : undefined,
    });
    const logs = new ExperimentLogGroup(this, "experiment-logs", {
      name: `/aws/fis/${this.resourcePrefix}`,
      accountId: account.id,
      region: account.region,
      kmsKeyArn: core.string(CORE_OUTPUTS.logsKeyArn),
      retentionDays: env.observability.logRetentionDays,
    });
    new TerraformOutput(this, RESILIENCE_OUTPUTS.experimentLogGroupName, {
      value: logs.name,
      description: "Log group of every experiment run",
    });
    const role = new ExperimentRole(this, "experiment-role", {
      roleName: `${this.resourcePrefix}-fis`,
      accountId: account.id,
      region: account.region,
      experiments: plans,
    });
    new ExperimentNotifications(this, "experiment-notifications", {
      ruleName: `${this.resourcePrefix}-experiment-stopped`,
      topicArn: core.string(CORE_OUTPUTS.alarmTopicArn),
    });
    return plans.map(
      (plan) =>
        new FaultExperiment(this, plan.key, {
          name: this.resourcePrefix,
          plan,
          roleArn: role.roleArn,
          stopAlarmArns: this.alarms.arns,
          logGroupArn: logs.arn,
        }),
    );
  }
}
