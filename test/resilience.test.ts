import { describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../src/config/schema";
import { FIS_NETWORK_ACCESS_POLICY_ARN, NODE_TERMINATION_PERCENT, ZONE_FAULT_MINUTES } from "../src/constructs/resilience/experiments";
import { EDGE_OUTPUTS } from "../src/constructs/workloads/catalog";
import { minimumRequests } from "../src/release/canary-verdict";
import { OBJECTIVES } from "../src/slo/objectives";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { UNRELEASED } from "../src/release/load";
import { EdgeStack } from "../stacks/edge-stack";
import { ResilienceStack } from "../stacks/resilience-stack";
import { issuesFor } from "./helpers/raw-environment";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

type Body = Record<string, any>;

function resilience(env: EnvironmentConfig): TerraformJson {
  const app = testApp();
  const core = new CoreStack(app, env);
  const cluster = new ClusterStack(app, env, core);
  return synthJson(new ResilienceStack(app, env, { core, cluster, edge: new EdgeStack(app, env, { core, release: UNRELEASED }) }));
}
const cache = new Map<string, TerraformJson>();
const synthOf = (name: string) => {
  if (!cache.has(name)) cache.set(name, resilience(environment(name)));
  return cache.get(name)!;
};
const withExperiments = (name: string, experiments: boolean | undefined): EnvironmentConfig => {
  const env = environment(name);
  return { ...env, resilience: { ...env.resilience, experiments } };
};

/** The remote-state data source reading a producer's outputs, by the producer's stack name. */
function remoteState(json: TerraformJson, stack: string): string {
  const [name] = Object.entries(json.data!.terraform_remote_state).find(([, body]) =>
    String((body as Body).config.key).endsWith(`/${stack}.tfstate`),
  )!;
  return `data.terraform_remote_state.${name}.outputs`;
}
const templates = (json: TerraformJson) => bodies(json, "aws_fis_experiment_template") as Body[];
const byTag = (json: TerraformJson, name: string) => templates(json).find((t) => t.tags.Name === name)!;

describe("resilience: experiments", () => {
  const staging = () => synthOf("staging");

  it("staging has a database failover, a cache power cut and a network cut per zone, and a node termination", () => {
    const names = templates(staging())
      .map((t) => t.tags.Name)
      .sort();
    const zones = environment("staging").network.availabilityZones;
    expect(names).toEqual(
      [
        "sparki-staging-database-failover",
        "sparki-staging-node-termination",
        ...zones.map((z) => `sparki-staging-cache-zone-power-${z}`),
        ...zones.map((z) => `sparki-staging-zone-network-loss-${z}`),
      ].sort(),
    );
  });

  it("the database failover reboots the primary from core's output with a forced Multi-AZ failover", () => {
    const json = staging();
    const t = byTag(json, "sparki-staging-database-failover");
    expect(t.action[0]).toMatchObject({
      action_id: "aws:rds:reboot-db-instances",
      parameter: [{ key: "forceFailover", value: "true" }],
      target: { key: "DBInstances", value: "targets" },
    });
    expect(t.target[0]).toMatchObject({
      resource_type: "aws:rds:db",
      selection_mode: "ALL",
      resource_arns: [`\${${remoteState(json, "staging-core")}.database_arn}`],
    });
  });

  it("each cache experiment powers down one zone of the replication group from core's output", () => {
    const json = staging();
    for (const zone of environment("staging").network.availabilityZones) {
      const t = byTag(json, `sparki-staging-cache-zone-power-${zone}`);
      expect(t.action[0]).toMatchObject({
        action_id: "aws:elasticache:replicationgroup-interrupt-az-power",
        parameter: [{ key: "duration", value: `PT${ZONE_FAULT_MINUTES}M` }],
        target: { key: "ReplicationGroups" },
      });
      expect(t.target[0]).toMatchObject({
        resource_type: "aws:elasticache:replicationgroup",
        resource_arns: [`\${${remoteState(json, "staging-core")}.cache_replication_group_arn}`],
        parameters: { availabilityZoneIdentifier: zone },
      });
    }
  });

  it("node termination picks a share of the running instances the cluster (from cluster's output) owns, in the VPC", () => {
    const json = staging();
    const t = byTag(json, "sparki-staging-node-termination");
    expect(t.action[0].action_id).toBe("aws:ec2:terminate-instances");
    expect(t.target[0].selection_mode).toBe(`PERCENT(${NODE_TERMINATION_PERCENT})`);
    expect(t.target[0].resource_tag).toEqual([
      { key: `kubernetes.io/cluster/\${${remoteState(json, "staging-cluster")}.cluster_name}`, value: "owned" },
    ]);
    expect(t.target[0].filter).toEqual([
      { path: "State.Name", values: ["running"] },
      { path: "VpcId", values: [`\${${remoteState(json, "staging-core")}.vpc_id}`] },
    ]);
  });

  it("each network experiment cuts exactly one zone's subnets of the environment's VPC", () => {
    const json = staging();
    for (const zone of environment("staging").network.availabilityZones) {
      const t = byTag(json, `sparki-staging-zone-network-loss-${zone}`);
      expect(t.action[0]).toMatchObject({ action_id: "aws:network:disrupt-connectivity", target: { key: "Subnets" } });
      expect(t.action[0].parameter).toEqual(
        expect.arrayContaining([
          { key: "scope", value: "all" },
          { key: "duration", value: `PT${ZONE_FAULT_MINUTES}M` },
        ]),
      );
      expect(t.target[0]).toMatchObject({ resource_type: "aws:ec2:subnet", resource_tag: [{ key: "Environment", value: "staging" }] });
      expect(t.target[0].filter).toEqual([
        { path: "VpcId", values: [`\${${remoteState(json, "staging-core")}.vpc_id}`] },
        { path: "AvailabilityZone", values: [zone] },
      ]);
    }
  });

  it("every experiment stops on every users-are-hurt alarm, logs to the encrypted log group and fails on empty targets", () => {
    const json = staging();
    const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm")
      .map(([name]) => `\${aws_cloudwatch_metric_alarm.${name}.arn}`)
      .sort();
    expect(alarms).toHaveLength(5);
    const [[groupName, group]] = resourcesOf(json, "aws_cloudwatch_log_group") as [string, Body][];
    expect(group.kms_key_id).toBe(`\${${remoteState(json, "staging-core")}.logs_kms_key_arn}`);
    expect(group.retention_in_days).toBe(environment("staging").observability.logRetentionDays);
    for (const t of templates(json)) {
      expect(t.stop_condition.map((s: Body) => s.source)).toEqual(alarms.map(() => "aws:cloudwatch:alarm"));
      expect(t.stop_condition.map((s: Body) => s.value).sort()).toEqual(alarms);
      expect(t.log_configuration.cloudwatch_logs_configuration.log_group_arn).toBe(`\${aws_cloudwatch_log_group.${groupName}.arn}:*`);
      expect(t.experiment_options).toEqual({ account_targeting: "single-account", empty_target_resolution_mode: "fail" });
    }
  });

  it("a stopped or failed experiment notifies the alarm topic", () => {
    const json = staging();
    const [rule] = bodies(json, "aws_cloudwatch_event_rule") as Body[];
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.fis"],
      "detail-type": ["FIS Experiment State Change"],
      detail: { "new-state": { status: ["stopped", "failed"] } },
    });
    expect((bodies(json, "aws_cloudwatch_event_target") as Body[])[0].arn).toBe(`\${${remoteState(json, "staging-core")}.alarm_topic_arn}`);
  });
});

describe("resilience: the experiment role is least-privilege", () => {
  const json = () => synthOf("staging");
  const statements = () => policyOf((bodies(json(), "aws_iam_role_policy") as Body[])[0]).Statement;
  const core = () => remoteState(json(), "staging-core");

  it("only FIS, for experiments of this account, may assume it", () => {
    const trust = policyOf((bodies(json(), "aws_iam_role") as Body[])[0], "assume_role_policy").Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: "fis.amazonaws.com" },
        Condition: {
          StringEquals: { "aws:SourceAccount": "222222222222" },
          ArnLike: { "aws:SourceArn": "arn:aws:fis:us-east-1:222222222222:experiment/*" },
        },
      }),
    ]);
  });

  it("destructive actions are scoped to the targets: the primary, the replication group, instances the cluster owns", () => {
    const s = statements();
    const find = (action: string) => s.filter((st) => [st.Action].flat().includes(action));
    expect(find("rds:RebootDBInstance").map((st) => st.Resource)).toEqual([`\${${core()}.database_arn}`]);
    expect(find("elasticache:InterruptClusterAzPower").map((st) => st.Resource)).toEqual([`\${${core()}.cache_replication_group_arn}`]);
    const [terminate] = find("ec2:TerminateInstances");
    expect(terminate.Resource).toBe("arn:aws:ec2:us-east-1:222222222222:instance/*");
    expect(Object.entries(terminate.Condition.StringEquals)).toEqual([
      [`aws:ResourceTag/kubernetes.io/cluster/\${${remoteState(json(), "staging-cluster")}.cluster_name}`, "owned"],
    ]);
  });

  it("actions on every resource are read-only or log delivery", () => {
    const wide = statements()
      .filter((st) => st.Resource === "*")
      .flatMap((st) => [st.Action].flat());
    expect(wide.sort()).toEqual([
      "ec2:DescribeInstances",
      "logs:CreateLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "tag:GetResources",
    ]);
  });

  it("the only managed policy is FIS's network policy, which acts on FIS-tagged network ACLs only", () => {
    expect((bodies(json(), "aws_iam_role_policy_attachment") as Body[]).map((a) => a.policy_arn)).toEqual([FIS_NETWORK_ACCESS_POLICY_ARN]);
  });
});

describe("resilience: which environments run experiments", () => {
  it("production has no experiments unless its file turns them on", () => {
    expect(environment("prod").resilience.experiments).toBe(false);
    expect(templates(synthOf("prod"))).toEqual([]);
    expect(bodies(synthOf("prod"), "aws_iam_role")).toEqual([]);
    expect(templates(resilience(withExperiments("prod", undefined)))).toEqual([]);
    expect(templates(resilience(withExperiments("prod", true))).length).toBeGreaterThan(0);
  });

  it("a development-tier file that says nothing gets experiments", () => {
    expect(templates(resilience(withExperiments("staging", undefined))).length).toBe(templates(synthOf("staging")).length);
  });

  it("single-AZ data stores get no failover experiments (nothing to fail over to)", () => {
    const names = templates(resilience(withExperiments("dev", true))).map((t) => t.tags.Name);
    expect(names.some((n: string) => n.includes("database-failover") || n.includes("cache-zone-power"))).toBe(false);
    expect(names).toContain("sparki-dev-node-termination");
    expect(templates(synthOf("dev"))).toEqual([]);
  });

  it("every environment keeps the users-are-hurt alarms", () => {
    for (const name of ENVIRONMENT_NAMES) expect(bodies(synthOf(name), "aws_cloudwatch_metric_alarm")).toHaveLength(5);
  });

  it("the schema rejects an unknown resilience key and a non-boolean switch", () => {
    expect(issuesFor("prod", (raw) => (raw.resilience.experiment = true)).map((i) => i.path)).toEqual(["resilience"]);
    expect(issuesFor("prod", (raw) => (raw.resilience.experiments = "yes")).map((i) => i.path)).toEqual(["resilience.experiments"]);
    expect(issuesFor("prod", (raw) => delete raw.resilience)).toEqual([]);
  });
});

describe("resilience: users-are-hurt alarms come from the service level objectives", () => {
  const alarms = () => bodies(synthOf("staging"), "aws_cloudwatch_metric_alarm") as Body[];
  const named = (name: string) => alarms().find((a) => a.alarm_name === name)!;
  const edge = () => remoteState(synthOf("staging"), "staging-edge");

  it.each(["web", "engine"] as const)("%s: 5xx ratio over both colours above maxErrorRatio, judged from minimumRequests on", (workload) => {
    const alarm = named(`sparki-staging-${workload}-5xx-ratio`);
    expect(alarm.threshold).toBe(OBJECTIVES[workload].maxErrorRatio);
    expect(alarm.comparison_operator).toBe("GreaterThanThreshold");
    const ratio = alarm.metric_query.find((q: Body) => q.return_data === true);
    expect(ratio.expression).toBe(`IF(requests >= ${minimumRequests(OBJECTIVES[workload])}, errors / requests, 0)`);
    const groups = alarm.metric_query.filter((q: Body) => q.metric).map((q: Body) => q.metric.dimensions.TargetGroup);
    for (const colour of ["blue", "green"] as const) {
      expect(groups).toContain(`\${element(split(":", ${edge()}.${EDGE_OUTPUTS.targetGroupArn(workload, colour)}), 5)}`);
    }
    expect(
      alarm.metric_query
        .filter((q: Body) => q.metric)
        .every((q: Body) => q.metric.dimensions.LoadBalancer === `\${${edge()}.${EDGE_OUTPUTS.loadBalancerArnSuffix}}`),
    ).toBe(true);
  });

  it.each(["web", "engine"] as const)("%s: the objective's percentile of target response time above its threshold", (workload) => {
    const alarm = named(`sparki-staging-${workload}-latency`);
    expect(alarm.threshold).toBe(OBJECTIVES[workload].latencyThresholdSeconds);
    const stats = alarm.metric_query.filter((q: Body) => q.metric).map((q: Body) => [q.metric.metric_name, q.metric.stat]);
    expect(stats).toEqual([
      ["TargetResponseTime", `p${OBJECTIVES[workload].latencyQuantile * 100}`],
      ["TargetResponseTime", `p${OBJECTIVES[workload].latencyQuantile * 100}`],
    ]);
  });

  it("the load balancer's own 5xx (no healthy target) count too, and no data is not an outage", () => {
    const alarm = named("sparki-staging-load-balancer-5xx-ratio");
    expect(alarm.metric_query.find((q: Body) => q.id === "errors").metric.metric_name).toBe("HTTPCode_ELB_5XX_Count");
    expect(alarm.threshold).toBe(Math.min(OBJECTIVES.web.maxErrorRatio, OBJECTIVES.engine.maxErrorRatio));
    for (const a of alarms()) expect(a.treat_missing_data).toBe("notBreaching");
  });
});
