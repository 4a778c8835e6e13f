import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { windowsOverlap } from "../src/config/windows";
import { Cache, type CacheProps } from "../src/constructs/cache/cache";
import { CoreStack } from "../stacks/core-stack";
import { issuesFor } from "./helpers/raw-environment";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

const jsonCache = new Map<string, TerraformJson>();
function core(name: string): TerraformJson {
  if (!jsonCache.has(name)) jsonCache.set(name, synthJson(new CoreStack(testApp(), environment(name))));
  return jsonCache.get(name)!;
}
type Body = Record<string, any>;
const ref = (type: string, name: string, attribute = "arn") => `\${${type}.${name}.${attribute}}`;
const keyFor = (json: TerraformJson, alias: string) =>
  String(bodies(json, "aws_kms_alias").find((a) => a.name === alias)!.target_key_id).replace(/^\$\{aws_kms_key\.([^.]+)\.key_id\}$/, "$1");
const groupOf = (json: TerraformJson): Body => bodies(json, "aws_elasticache_replication_group")[0];

function cacheOnly(overrides: Partial<CacheProps> = {}): { json: TerraformJson; cache: Cache; stack: TerraformStack } {
  const stack = new TerraformStack(testApp(), "test");
  const cache = new Cache(stack, "cache", {
    name: "sparki-test",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.m7g.xlarge",
    replicas: 1,
    multiAz: true,
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    subnetGroupName: "sparki-test-cache",
    securityGroupId: "sg-0123456789abcdef0",
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/cache",
    logsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs",
    logRetentionDays: 30,
    snapshotRetentionDays: 5,
    deletionProtection: true,
    alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:alarms",
    ...overrides,
  });
  return { json: synthJson(stack), cache, stack };
}

describe("Cache", () => {
  it("encrypts in transit (TLS required) and at rest with the cache key, and sets no auth token", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      const group = groupOf(json);
      expect(group).toMatchObject({
        engine: "valkey",
        engine_version: "8.0",
        transit_encryption_enabled: true,
        transit_encryption_mode: "required",
        at_rest_encryption_enabled: "true",
        kms_key_id: ref("aws_kms_key", keyFor(json, `alias/sparki-${name}-cache`)),
        port: 6379,
      });
      expect(group.auth_token).toBeUndefined();
      const [userGroup] = resourcesOf(json, "aws_elasticache_user_group");
      expect(group.user_group_ids).toEqual([ref("aws_elasticache_user_group", userGroup[0], "user_group_id")]);
    }
  });

  it("sits in the cache subnet group behind the cache security group", () => {
    const json = core("prod");
    const [subnetGroup] = resourcesOf(json, "aws_elasticache_subnet_group")[0];
    const [cacheGroup] = resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "sparki-prod-cache")!;
    expect(groupOf(json)).toMatchObject({
      subnet_group_name: ref("aws_elasticache_subnet_group", subnetGroup, "name"),
      security_group_ids: [ref("aws_security_group", cacheGroup, "id")],
    });
  });

  it("authenticates with IAM through RBAC and disables the default user", () => {
    const json = core("prod");
    const users: Record<string, Body> = Object.fromEntries(bodies(json, "aws_elasticache_user").map((u) => [u.user_name, u]));
    expect(users.default).toMatchObject({ access_string: "off -@all", authentication_mode: { type: "no-password-required" } });
    expect(users["sparki-prod-app"]).toMatchObject({ user_id: "sparki-prod-app", authentication_mode: { type: "iam" }, engine: "valkey" });
    expect(users["sparki-prod-app"].access_string).toContain("-@dangerous");
    for (const user of Object.values(users)) expect(user.passwords).toBeUndefined();
  });

  it("prod cache is Multi-AZ with automatic failover, one node per zone", () => {
    const group = groupOf(core("prod"));
    expect(group).toMatchObject({ multi_az_enabled: true, automatic_failover_enabled: true, num_cache_clusters: 3 });
    expect(group.preferred_cache_cluster_azs).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
  });

  it("dev cache is one node without failover", () => {
    expect(groupOf(core("dev"))).toMatchObject({ multi_az_enabled: false, automatic_failover_enabled: false, num_cache_clusters: 1 });
  });

  it("uses a family-named parameter group with noeviction, because the cache holds the job queue", () => {
    const json = core("prod");
    const [name, parameters] = resourcesOf(json, "aws_elasticache_parameter_group")[0];
    expect(parameters).toMatchObject({ family: "valkey8", name: "sparki-prod-cache-valkey8", lifecycle: { create_before_destroy: true } });
    expect(parameters.parameter).toEqual([{ name: "maxmemory-policy", value: "noeviction" }]);
    expect(groupOf(json).parameter_group_name).toBe(ref("aws_elasticache_parameter_group", name, "name"));
    expect(resourcesOf(cacheOnly().json, "aws_elasticache_parameter_group")[0][1].family).toBe("redis7");
  });

  it("keeps snapshots for the configured days, outside the maintenance window", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const group = groupOf(core(name));
      expect(group.snapshot_retention_limit).toBe(environment(name).cache.snapshotRetentionDays);
      expect(windowsOverlap(group.snapshot_window, group.maintenance_window)).toBe(false);
      expect(group.final_snapshot_identifier).toBe(`sparki-${name}-cache-final`);
    }
    expect(issuesFor("dev", (raw) => (raw.cache.maintenanceWindow = "wed:01:30-wed:02:30"))).toContainEqual(
      expect.objectContaining({ path: "cache.maintenanceWindow", message: expect.stringContaining("overlaps") }),
    );
    expect(issuesFor("dev", (raw) => (raw.cache.nodeType = "cache.q9.huge"))).toContainEqual(
      expect.objectContaining({ path: "cache.nodeType", allowed: expect.stringContaining("cache.r7g.large") }),
    );
  });

  it("delivers slow and engine logs to encrypted log groups with retention", () => {
    const json = core("prod");
    const logsKey = ref("aws_kms_key", keyFor(json, "alias/sparki-prod-logs"));
    const groups = resourcesOf(json, "aws_cloudwatch_log_group").filter(([, g]) => String(g.name).startsWith("/aws/elasticache/"));
    expect(groups.map(([, g]) => g.name).sort()).toEqual([
      "/aws/elasticache/sparki-prod-cache/engine-log",
      "/aws/elasticache/sparki-prod-cache/slow-log",
    ]);
    for (const [, group] of groups) expect(group).toMatchObject({ retention_in_days: 90, kms_key_id: logsKey });
    const delivery = groupOf(json).log_delivery_configuration as Body[];
    expect(delivery.map((d) => d.log_type).sort()).toEqual(["engine-log", "slow-log"]);
    for (const d of delivery) expect(d).toMatchObject({ destination_type: "cloudwatch-logs", log_format: "json" });
  });

  it("alarms on CPU, engine CPU, memory, evictions and connections of every node, and on lag when replicated", () => {
    const json = core("prod");
    const alarms: Body[] = bodies(json, "aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "AWS/ElastiCache");
    const nodes = ["sparki-prod-cache-001", "sparki-prod-cache-002", "sparki-prod-cache-003"];
    for (const node of nodes) {
      const mine = Object.fromEntries(alarms.filter((a) => a.dimensions.CacheClusterId === node).map((a) => [a.metric_name, a]));
      expect(Object.keys(mine).sort()).toEqual([
        "CPUUtilization",
        "CurrConnections",
        "DatabaseMemoryUsagePercentage",
        "EngineCPUUtilization",
        "Evictions",
        "ReplicationLag",
      ]);
      // cache.r7g.large has 2 vCPUs: host CPU alarm at 90 / 2 = 45%.
      expect(mine.CPUUtilization.threshold).toBe(45);
      expect(mine.EngineCPUUtilization.threshold).toBe(80);
      expect(mine.DatabaseMemoryUsagePercentage.threshold).toBe(80);
      expect(mine.Evictions).toMatchObject({ threshold: 0, statistic: "Sum" });
      expect(mine.CurrConnections.threshold).toBe(52000);
    }
    const dev = bodies(core("dev"), "aws_cloudwatch_metric_alarm").filter((a) => a.namespace === "AWS/ElastiCache");
    expect(dev.map((a) => a.metric_name)).not.toContain("ReplicationLag");
    // cache.m7g.xlarge has 4 vCPUs: the host alarm uses the plain 90%.
    const wide = bodies(cacheOnly().json, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_name === "CPUUtilization");
    expect(wide.map((a) => a.threshold)).toEqual([90, 90]);
  });

  it("grantConnect lets one role connect as the application user, to this group only", () => {
    const { cache, stack } = cacheOnly();
    cache.grantConnect("engine");
    const json = synthJson(stack);
    const [policy] = bodies(json, "aws_iam_role_policy");
    const [group] = resourcesOf(json, "aws_elasticache_replication_group")[0];
    const user = resourcesOf(json, "aws_elasticache_user").find(([, u]) => u.user_name === "sparki-test-app")![0];
    expect(policy.role).toBe("engine");
    expect(policyOf(policy).Statement).toEqual([
      expect.objectContaining({
        Action: "elasticache:Connect",
        Resource: [ref("aws_elasticache_replication_group", group), ref("aws_elasticache_user", user)],
      }),
    ]);
  });

  it("prevents destroying the replication group exactly when deletionProtection is on, at a pinned address", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const [[address, group]] = resourcesOf(core(name), "aws_elasticache_replication_group");
      expect(address).toBe("cache_replication-group_FA5C54CF");
      expect(group.lifecycle).toEqual({ prevent_destroy: environment(name).deletionProtection });
    }
  });

  it("outputs endpoints, port, user and security group", () => {
    const outputs = core("staging").output!;
    for (const name of ["cache_primary_endpoint", "cache_reader_endpoint", "cache_port", "cache_user_name", "cache_security_group_id"]) {
      expect(outputs[name], name).toBeDefined();
    }
    expect(outputs.cache_user_name.value).toBe("sparki-staging-app");
  });
});
