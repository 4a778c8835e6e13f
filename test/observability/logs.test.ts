import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../../src/config/schema";
import { SERVICE_ACCOUNTS } from "../../src/constructs/cluster/service-accounts";
import { ClusterStack } from "../../stacks/cluster-stack";
import { CoreStack } from "../../stacks/core-stack";
import { ObservabilityStack } from "../../stacks/observability-stack";
import { PlatformStack } from "../../stacks/platform-stack";
import { evaluate } from "../helpers/iam-eval";
import { issuesFor } from "../helpers/raw-environment";
import { bodies, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "../helpers/synth";

type Body = Record<string, any>;
const coreCache = new Map<string, TerraformJson>();
function core(name: string): TerraformJson {
  if (!coreCache.has(name)) coreCache.set(name, synthJson(new CoreStack(testApp(), environment(name))));
  return coreCache.get(name)!;
}
const domainOf = (json: TerraformJson): Body => {
  const domains = bodies(json, "aws_opensearch_domain");
  expect(domains).toHaveLength(1);
  return domains[0];
};
const keyNameOf = (json: TerraformJson, alias: string) =>
  String(bodies(json, "aws_kms_alias").find((a) => a.name === alias)!.target_key_id).replace(/^\$\{aws_kms_key\.([^.]+)\.key_id\}$/, "$1");
const searchGroupOf = (json: TerraformJson) =>
  resourcesOf(json, "aws_security_group").find(([, b]) => String(b.name).endsWith("-logs-search"))!;
const nodeGroupOf = (json: TerraformJson) => resourcesOf(json, "aws_security_group").find(([, b]) => String(b.name).endsWith("-nodes"))!;

describe("log search domain (core stack)", () => {
  it("prod: zone-aware over three zones with three dedicated masters, protected from destroy", () => {
    const json = core("prod");
    const domain = domainOf(json);
    expect(domain.cluster_config).toEqual({
      instance_type: "r7g.large.search",
      instance_count: 3,
      zone_awareness_enabled: true,
      zone_awareness_config: { availability_zone_count: 3 },
      dedicated_master_enabled: true,
      dedicated_master_type: "m7g.large.search",
      dedicated_master_count: 3,
    });
    expect(domain.vpc_options.subnet_ids).toHaveLength(3);
    for (const subnet of domain.vpc_options.subnet_ids) expect(subnet).toMatch(/^\$\{aws_subnet\.network_database-/);
    expect(domain.lifecycle).toEqual({ prevent_destroy: true });
    expect(domain.ebs_options).toEqual({ ebs_enabled: true, volume_type: "gp3", volume_size: 100 });
  });

  it("dev: one node in one subnet, no masters, destroyable, no yellow alarm (a lone node never places replicas)", () => {
    const json = core("dev");
    const domain = domainOf(json);
    expect(domain.cluster_config).toMatchObject({ instance_count: 1, zone_awareness_enabled: false, dedicated_master_enabled: false });
    expect(domain.cluster_config.zone_awareness_config).toBeUndefined();
    expect(domain.vpc_options.subnet_ids).toHaveLength(1);
    expect(domain.lifecycle).toEqual({ prevent_destroy: false });
    const alarms = bodies(json, "aws_cloudwatch_metric_alarm")
      .filter((a) => a.namespace === "AWS/ES")
      .map((a) => a.metric_name);
    expect(alarms).not.toContain("ClusterStatus.yellow");
    expect(alarms).toContain("ClusterStatus.red");
  });

  it("encrypts at rest with its own logs-search key (break-glass guarded in prod), between nodes and in transit with TLS 1.2+ PFS", () => {
    for (const name of ["dev", "prod"]) {
      const json = core(name);
      const domain = domainOf(json);
      const keyName = keyNameOf(json, `alias/sparki-${name}-logs-search`);
      expect(domain.encrypt_at_rest).toEqual({ enabled: true, kms_key_id: `\${aws_kms_key.${keyName}.arn}` });
      expect(domain.node_to_node_encryption).toEqual({ enabled: true });
      expect(domain.domain_endpoint_options).toEqual({ enforce_https: true, tls_security_policy: "Policy-Min-TLS-1-2-PFS-2023-10" });
      expect(domain.engine_version).toMatch(/^OpenSearch_2\.\d+$/);
      const key = json.resource!.aws_kms_key[keyName] as Body;
      const guarded = policyOf(key).Statement.some((s) => s.Sid === "OnlyBreakGlassDestroysKey");
      expect(guarded).toBe(name === "prod");
      expect(key.lifecycle).toEqual({ prevent_destroy: name === "prod" });
    }
  });

  it("fine-grained access control with the CI apply role as IAM master: no internal users, no password in state", () => {
    const domain = domainOf(core("staging"));
    const security = domain.advanced_security_options;
    expect(security).toEqual({
      enabled: true,
      anonymous_auth_enabled: false,
      internal_user_database_enabled: false,
      master_user_options: { master_user_arn: "arn:aws:iam::222222222222:role/sparki-staging-ci-apply" },
    });
    expect(JSON.stringify(domain)).not.toMatch(/master_user_(name|password)/);
  });

  it("a named admin role from the environment file replaces the CI apply role as master", () => {
    const env: EnvironmentConfig = structuredClone(environment("staging"));
    (env.observability.logSearch as { masterRoleArn?: string }).masterRoleArn = "arn:aws:iam::222222222222:role/search-admin";
    const domain = domainOf(synthJson(new CoreStack(testApp(), env)));
    expect(domain.advanced_security_options.master_user_options.master_user_arn).toBe("arn:aws:iam::222222222222:role/search-admin");
  });

  it("the domain policy admits only signed requests of the account's own principals, to this domain", () => {
    const policy = JSON.parse(domainOf(core("prod")).access_policies);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toEqual({
      Sid: "AccountPrincipalsThroughFineGrainedAccessControl",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::333333333333:root" },
      Action: "es:ESHttp*",
      Resource: "arn:aws:es:us-east-1:333333333333:domain/sparki-prod-logs/*",
      Condition: { StringEquals: { "aws:PrincipalAccount": "333333333333" } },
    });
  });

  it("its security group admits only HTTPS from the nodes' group and nothing else", () => {
    const json = core("prod");
    const [groupName, group] = searchGroupOf(json);
    const [nodesName] = nodeGroupOf(json);
    expect(domainOf(json).vpc_options.security_group_ids).toEqual([`\${aws_security_group.${groupName}.id}`]);
    expect(group.ingress).toBeUndefined();
    const ingress = bodies(json, "aws_vpc_security_group_ingress_rule").filter(
      (r) => r.security_group_id === `\${aws_security_group.${groupName}.id}`,
    );
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: `\${aws_security_group.${nodesName}.id}`,
    });
    expect(ingress[0].cidr_ipv4).toBeUndefined();
  });

  it("publishes application, slow and audit logs to encrypted groups only OpenSearch Service may write, for this domain", () => {
    const json = core("prod");
    const logs = domainOf(json).log_publishing_options as Body[];
    expect(logs.map((l) => l.log_type).sort()).toEqual(["AUDIT_LOGS", "ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"]);
    const logsKey = `\${aws_kms_key.${keyNameOf(json, "alias/sparki-prod-logs")}.arn}`;
    const groups = resourcesOf(json, "aws_cloudwatch_log_group");
    for (const option of logs) {
      expect(option.enabled).toBe(true);
      const [, group] = groups.find(([id]) => option.cloudwatch_log_group_arn === `\${aws_cloudwatch_log_group.${id}.arn}`)!;
      expect(group).toMatchObject({ kms_key_id: logsKey, retention_in_days: 90 });
      expect(group.name).toMatch(/^\/aws\/opensearch\/sparki-prod-logs\//);
    }
    const [policyName, policy] = (resourcesOf(json, "aws_cloudwatch_log_resource_policy") as [string, Body][]).find(
      ([, b]) => b.policy_name === "sparki-prod-logs-log-delivery",
    )!;
    const [statement] = JSON.parse(policy.policy_document).Statement;
    expect(statement.Principal).toEqual({ Service: "es.amazonaws.com" });
    expect(statement.Action).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(statement.Resource).toHaveLength(4);
    for (const resource of statement.Resource)
      expect(resource).toMatch(/^arn:aws:logs:us-east-1:333333333333:log-group:\/aws\/opensearch\/sparki-prod-logs\/[a-z-]+:\*$/);
    expect(statement.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "333333333333" },
      ArnLike: { "aws:SourceArn": "arn:aws:es:us-east-1:333333333333:domain/sparki-prod-logs" },
    });
    expect(domainOf(json).depends_on).toContain(`aws_cloudwatch_log_resource_policy.${policyName}`);
  });

  it("alarms on red and yellow status, free storage, JVM pressure and failed snapshots, all to the alarm topic", () => {
    const json = core("prod");
    const [topicName] = resourcesOf(json, "aws_sns_topic").find(([, t]) => String(t.name).endsWith("-alarms"))!;
    const alarms: Record<string, Body> = Object.fromEntries(
      bodies(json, "aws_cloudwatch_metric_alarm")
        .filter((a) => a.namespace === "AWS/ES")
        .map((a) => [a.metric_name, a]),
    );
    expect(Object.keys(alarms).sort()).toEqual([
      "AutomatedSnapshotFailure",
      "ClusterStatus.red",
      "ClusterStatus.yellow",
      "FreeStorageSpace",
      "JVMMemoryPressure",
    ]);
    for (const alarm of Object.values(alarms)) {
      expect(alarm.dimensions).toEqual({ DomainName: "sparki-prod-logs", ClientId: "333333333333" });
      expect(alarm.alarm_actions).toEqual([`\${aws_sns_topic.${topicName}.arn}`]);
      expect(alarm.alarm_description).toMatch(/Runbook: runbooks\/log-search\.md#alarms-of-the-domain$/);
    }
    // 25 % of a 100 GiB volume, in MiB (the metric's unit): 100 × 1024 / 4.
    expect(alarms.FreeStorageSpace).toMatchObject({ statistic: "Minimum", comparison_operator: "LessThanThreshold", threshold: 25600 });
    expect(alarms.JVMMemoryPressure).toMatchObject({ statistic: "Maximum", threshold: 95, evaluation_periods: 3 });
    expect(alarms["ClusterStatus.red"]).toMatchObject({ threshold: 0, comparison_operator: "GreaterThanThreshold", evaluation_periods: 1 });
  });

  it("exports the endpoint and domain ARN under the names other stacks read", () => {
    const outputs = core("dev").output!;
    expect(outputs.opensearch_endpoint.value).toMatch(/^\$\{aws_opensearch_domain\.[^.]+\.endpoint\}$/);
    expect(outputs.opensearch_domain_arn.value).toMatch(/^\$\{aws_opensearch_domain\.[^.]+\.arn\}$/);
  });
});

describe("observability.logSearch in the environment file", () => {
  it("a zone-aware domain needs a data node count that is a multiple of the zones", () => {
    const issues = issuesFor("staging", (raw) => (raw.observability.logSearch.instanceCount = 4));
    expect(issues).toEqual([expect.objectContaining({ path: "observability.logSearch.instanceCount", allowed: "a multiple of 3" })]);
  });

  it("zone awareness needs two zones", () => {
    const issues = issuesFor("dev", (raw) => {
      raw.network.availabilityZones = ["us-east-1a"];
      raw.observability.logSearch.zoneAwareness = true;
    });
    expect(issues.map((i) => i.path)).toContain("observability.logSearch.zoneAwareness");
  });

  it("production requires zone awareness and dedicated masters", () => {
    const issues = issuesFor("prod", (raw) => {
      raw.observability.logSearch.zoneAwareness = false;
      delete raw.observability.logSearch.dedicatedMasters;
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["observability.logSearch.dedicatedMasters", "observability.logSearch.zoneAwareness"]);
  });

  it("instance types must be OpenSearch types and masters come in 3 or 5", () => {
    expect(issuesFor("dev", (raw) => (raw.observability.logSearch.instanceType = "t3.small")).map((i) => i.path)).toEqual([
      "observability.logSearch.instanceType",
    ]);
    expect(issuesFor("prod", (raw) => (raw.observability.logSearch.dedicatedMasters.count = 2)).map((i) => i.path)).toEqual([
      "observability.logSearch.dedicatedMasters.count",
    ]);
  });
});

interface Shipping {
  readonly cluster: TerraformJson;
  readonly platform: TerraformJson;
  readonly observability: TerraformJson;
}
let shipping: Shipping | undefined;
function staging(): Shipping {
  if (!shipping) {
    const app = testApp();
    const env = environment("staging");
    const coreStack = new CoreStack(app, env);
    const cluster = new ClusterStack(app, env, coreStack);
    const platform = new PlatformStack(app, env, { core: coreStack, cluster });
    const observability = new ObservabilityStack(app, env, { core: coreStack, platform });
    for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
    shipping = { cluster: synthJson(cluster), platform: synthJson(platform), observability: synthJson(observability) };
  }
  return shipping;
}
/** Name of the remote-state data source that reads the staging core stack's outputs. */
const coreStateOf = (json: TerraformJson) =>
  Object.entries(json.data?.terraform_remote_state ?? {}).find(
    ([, state]) => (state.config as { key: string }).key === "staging/staging-core.tfstate",
  )![0];
const fluentBitRelease = () => bodies(staging().observability, "helm_release").find((r) => r.name === "fluent-bit")!;
const fluentBitValues = () => parse((fluentBitRelease().values as string[])[0]);
/** `[OUTPUT]` settings of a Fluent Bit classic-mode section, keyed by setting name. */
const settingsOf = (section: string): Record<string, string> =>
  Object.fromEntries(
    section
      .split("\n")
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => {
        const [k, ...v] = l.trim().split(/\s+/);
        return [k, v.join(" ")];
      }),
  );

describe("Fluent Bit (observability stack)", () => {
  it("runs the pinned chart as a DaemonSet on every node, tainted ones included, with bounded resources", () => {
    const release = fluentBitRelease();
    expect(release).toMatchObject({
      chart: "fluent-bit",
      repository: "https://fluent.github.io/helm-charts",
      version: "0.58.1",
      namespace: "observability",
      atomic: true,
    });
    const values = fluentBitValues();
    expect(values.kind).toBe("DaemonSet");
    expect(values.tolerations).toEqual([{ operator: "Exists" }]);
    expect(values.resources.requests).toBeDefined();
    expect(values.resources.limits.memory).toBeDefined();
    expect(values.testFramework.enabled).toBe(false);
  });

  it(
    "ships container logs to the core stack's domain endpoint: opensearch output, SigV4, TLS on 443, logs-YYYY.MM.DD without type " +
      "names",
    () => {
      const { config } = fluentBitValues();
      const output = settingsOf(config.outputs);
      const stateName = coreStateOf(staging().observability);
      expect(output).toMatchObject({
        Name: "opensearch",
        Match: "kube.*",
        Host: `\${data.terraform_remote_state.${stateName}.outputs.opensearch_endpoint}`,
        Port: "443",
        tls: "On",
        "tls.verify": "On",
        AWS_Auth: "On",
        AWS_Region: "us-east-1",
        Logstash_Format: "On",
        Logstash_Prefix: "logs",
        Suppress_Type_Name: "On",
      });
      expect(settingsOf(config.inputs)).toMatchObject({ Name: "tail", Path: "/var/log/containers/*.log", Tag: "kube.*" });
      expect(settingsOf(config.filters)).toMatchObject({ Name: "kubernetes", Match: "kube.*" });
    },
  );

  it("its service account is the one the cluster stack's Pod Identity association names", () => {
    const values = fluentBitValues();
    const association = bodies(staging().cluster, "aws_eks_pod_identity_association").find(
      (a) => a.service_account === values.serviceAccount.name,
    );
    expect(association).toMatchObject({ namespace: fluentBitRelease().namespace, service_account: SERVICE_ACCOUNTS.fluentBit.name });
    expect(values.serviceAccount.create).toBe(true);
  });

  it("its role may only POST and PUT to _bulk and logs-* of the core stack's domain", () => {
    const json = staging().cluster;
    const [roleName] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-staging-fluent-bit")!;
    const inline = bodies(json, "aws_iam_role_policy").filter((p) => String(p.role).includes(roleName));
    expect(inline).toHaveLength(1);
    expect(bodies(json, "aws_iam_role_policy_attachment").filter((a) => String(a.role).includes(roleName))).toEqual([]);
    const statements = policyOf(inline[0]).Statement;
    const stateName = coreStateOf(json);
    const domain = `\${data.terraform_remote_state.${stateName}.outputs.opensearch_domain_arn}`;
    expect(evaluate(statements, "es:ESHttpPost", `${domain}/_bulk`)).toBe("allowed");
    expect(evaluate(statements, "es:ESHttpPut", `${domain}/logs-2026.11.29`)).toBe("allowed");
    expect(evaluate(statements, "es:ESHttpGet", `${domain}/logs-2026.11.29/_search`)).toBe("implicitly denied");
    expect(evaluate(statements, "es:ESHttpDelete", `${domain}/logs-2026.11.29`)).toBe("implicitly denied");
    expect(evaluate(statements, "es:ESHttpPut", `${domain}/_plugins/_security/api/rolesmapping/all_access`)).toBe("implicitly denied");
    expect(evaluate(statements, "es:ESHttpPost", `${domain}/.kibana/_doc`)).toBe("implicitly denied");
  });

  it("the observability namespace's network policy lets it reach the domain on 443 and the Pod Identity agent", () => {
    const policies = bodies(staging().platform, "kubernetes_network_policy_v1").filter((p) =>
      String((p.metadata as { namespace: string }).namespace).includes("observability-namespace"),
    );
    const egress = policies.find((p) => (p.metadata as { name: string }).name === "allow-egress")!.spec as {
      egress: { ports?: { port: string }[] }[];
    };
    expect(egress.egress.some((rule) => rule.ports?.some((p) => p.port === "443"))).toBe(true);
    expect(policies.some((p) => (p.metadata as { name: string }).name === "allow-pod-identity")).toBe(true);
  });
});
