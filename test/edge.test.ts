import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/errors";
import type { Problem } from "../src/problems";
import { loadEnvironments } from "../src/config/load";
import type { EnvironmentConfig } from "../src/config/schema";
import {
  COLOURS,
  EDGE_OUTPUTS,
  PREVIEW_COLOUR_HEADER,
  targetGroupName,
  WORKLOAD_NAMES,
  WORKLOADS,
} from "../src/constructs/workloads/catalog";
import { PolicyCheck, type SynthesizedStack } from "../src/policy/policy-check";
import { UNRELEASED } from "../src/release/load";
import { releaseFileSchema, type ReleaseFile } from "../src/release/schema";
import { CoreStack } from "../stacks/core-stack";
import { EdgeStack } from "../stacks/edge-stack";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

const DIGEST = (n: number) => `sha256:${String(n).repeat(64)}`;
/** A canary in progress: web 90/10 and engine 75/25, both colours running. */
const CANARY: ReleaseFile = releaseFileSchema.parse({
  web: { blue: { image: DIGEST(1) }, green: { image: DIGEST(2) }, traffic: { blue: 90, green: 10 }, live: "blue" },
  engine: { blue: { image: DIGEST(3) }, green: { image: DIGEST(4) }, traffic: { blue: 25, green: 75 }, live: "blue" },
});

function edgeStack(env: EnvironmentConfig, release: ReleaseFile = UNRELEASED): EdgeStack {
  const app = testApp();
  const core = new CoreStack(app, env);
  const edge = new EdgeStack(app, env, { core, release });
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return edge;
}
const edgeJson = (env: EnvironmentConfig, release?: ReleaseFile) => synthJson(edgeStack(env, release));

const cache = new Map<string, TerraformJson>();
const edge = (name: string) => {
  if (!cache.has(name)) cache.set(name, edgeJson(environment(name)));
  return cache.get(name)!;
};

/** The test-only fourth environment (eu-west-1, its own account), loaded from the fixtures. */
const perf = () => loadEnvironments("test/fixtures/environments", { only: ["perf"] })[0];

/** Logical name of the single resource of a type whose construct path contains `fragment`. */
function named(json: TerraformJson, type: string, fragment: string): string {
  const found = resourcesOf(json, type).filter(([name]) => name.includes(fragment));
  expect(found, `${type} containing ${fragment}`).toHaveLength(1);
  return found[0][0];
}
const ref = (type: string, name: string, attribute: string) => `\${${type}.${name}.${attribute}}`;
const fromCore = (output: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.core-outputs_state_[0-9A-F]{8}\\.outputs\\.${output}\\}$`);

const listener = (json: TerraformJson, port: number) => bodies(json, "aws_lb_listener").find((l) => l.port === port)!;
const targetGroupArn = (json: TerraformJson, workload: string, colour: string) =>
  ref("aws_lb_target_group", named(json, "aws_lb_target_group", `${workload}-target-groups_${colour}`), "arn");
type Forward = { target_group: { arn: string; weight: number }[]; stickiness: { enabled: boolean; duration: number } };
const forwardOf = (action: unknown) => (action as Record<string, unknown>[])[0].forward as Forward;
/** The engine's weighted listener rule (the one rule with a forward over both colours). */
const engineRule = (json: TerraformJson) => bodies(json, "aws_lb_listener_rule").find((r) => forwardOf(r.action)?.target_group)!;

describe("EdgeStack routing", () => {
  it("forwards web (default action) and engine (rule) by the release file's weights, sticky while split", () => {
    const json = edgeJson(environment("staging"), CANARY);
    const web = forwardOf(listener(json, 443).default_action);
    expect(web.target_group).toEqual([
      { arn: targetGroupArn(json, "web", "blue"), weight: 90 },
      { arn: targetGroupArn(json, "web", "green"), weight: 10 },
    ]);
    expect(web.stickiness.enabled).toBe(true);
    const engine = forwardOf(engineRule(json).action);
    expect(engine.target_group).toEqual([
      { arn: targetGroupArn(json, "engine", "blue"), weight: 25 },
      { arn: targetGroupArn(json, "engine", "green"), weight: 75 },
    ]);
    expect(engine.stickiness).toEqual({ enabled: true, duration: 600 });
  });

  it("turns forward stickiness off when one colour holds all traffic, so a rollback moves every client", () => {
    const json = edge("staging");
    for (const forward of [forwardOf(listener(json, 443).default_action), forwardOf(engineRule(json).action)]) {
      expect(forward.target_group.map((g) => g.weight)).toEqual([100, 0]);
      expect(forward.stickiness.enabled).toBe(false);
    }
  });

  it("routes the engine by the catalog's paths on the web host without engineHost, by host with it", () => {
    expect(engineRule(edge("dev")).condition).toEqual([{ path_pattern: { values: ["/api/v1/*", "/ws", "/ws/*"] } }]);
    expect(engineRule(edge("prod")).condition).toEqual([{ host_header: { values: ["api.sparki.dev"] } }]);
  });

  it("redirects HTTP to HTTPS with a 301 and terminates TLS 1.2/1.3 only", () => {
    const json = edge("prod");
    expect(listener(json, 80).default_action).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
    ]);
    expect(listener(json, 443)).toMatchObject({ protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
    expect(bodies(json, "aws_lb_listener")).toHaveLength(2);
  });
});

/** A request as the HTTPS listener sees it; header names in any case. */
interface Request {
  readonly host: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
}
const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
/** Whether a request meets every condition of a synthesized listener rule (ALB semantics: header names and values case-insensitive). */
function matches(rule: Record<string, any>, request: Request): boolean {
  return (rule.condition as Record<string, any>[]).every((c) => {
    if (c.path_pattern) return c.path_pattern.values.some((v: string) => glob(v).test(request.path));
    if (c.host_header) return c.host_header.values.some((v: string) => glob(v.toLowerCase()).test(request.host));
    if (c.http_header) {
      const value = Object.entries(request.headers ?? {}).find(
        ([name]) => name.toLowerCase() === c.http_header.http_header_name.toLowerCase(),
      )?.[1];
      return value !== undefined && c.http_header.values.some((v: string) => glob(v.toLowerCase()).test(value.toLowerCase()));
    }
    throw new Error(`condition not modelled: ${JSON.stringify(c)}`);
  });
}
/** Where the listener sends a request: the first matching rule by priority, else the default action. */
function route(json: TerraformJson, request: Request): { targetGroupArn: string } | { forward: Forward } {
  const rules = bodies(json, "aws_lb_listener_rule").sort((a, b) => Number(a.priority) - Number(b.priority));
  const action = (rules.find((r) => matches(r, request))?.action ?? listener(json, 443).default_action) as Record<string, any>[];
  return action[0].target_group_arn ? { targetGroupArn: action[0].target_group_arn } : { forward: action[0].forward };
}

describe("EdgeStack preview routes", () => {
  const header = (colour: string) => ({ [PREVIEW_COLOUR_HEADER]: colour });

  it("names the header once, as the smoke-test CLI sends it", () => {
    expect(PREVIEW_COLOUR_HEADER).toBe("X-Sparki-Colour");
  });

  it("sends a request with the preview header to that colour's target group, whatever the weights (engine by path)", () => {
    const json = edgeJson(environment("dev"), CANARY);
    for (const colour of COLOURS) {
      expect(route(json, { host: "dev.sparki.dev", path: "/", headers: header(colour) })).toEqual({
        targetGroupArn: targetGroupArn(json, "web", colour),
      });
      expect(
        route(json, { host: "dev.sparki.dev", path: "/_next/static/chunk.js", headers: { "x-sparki-colour": colour.toUpperCase() } }),
      ).toEqual({ targetGroupArn: targetGroupArn(json, "web", colour) });
      for (const path of ["/api/v1/pipelines", "/ws", "/ws/runs/7"]) {
        expect(route(json, { host: "dev.sparki.dev", path, headers: header(colour) }), path).toEqual({
          targetGroupArn: targetGroupArn(json, "engine", colour),
        });
      }
    }
  });

  it("leaves requests without the header, or with an unknown colour, on the weighted forwards", () => {
    const json = edgeJson(environment("dev"), CANARY);
    const weighted = (path: string, headers?: Record<string, string>) =>
      (route(json, { host: "dev.sparki.dev", path, headers }) as { forward: Forward }).forward.target_group.map((g) => g.weight);
    expect(weighted("/")).toEqual([90, 10]);
    expect(weighted("/", header("purple"))).toEqual([90, 10]);
    expect(weighted("/api/v1/pipelines")).toEqual([25, 75]);
    expect(weighted("/ws", { "X-Sparki-Color": "green" })).toEqual([25, 75]);
  });

  it("routes the engine's preview by host when the engine has its own hostname", () => {
    const json = edge("prod");
    expect(route(json, { host: "api.sparki.dev", path: "/", headers: header("green") })).toEqual({
      targetGroupArn: targetGroupArn(json, "engine", "green"),
    });
    expect(route(json, { host: "app.sparki.dev", path: "/api/v1/pipelines", headers: header("green") })).toEqual({
      targetGroupArn: targetGroupArn(json, "web", "green"),
    });
  });

  it("gives every rule a unique priority, the previews above (numerically below) the weighted rule", () => {
    for (const name of ["dev", "prod"]) {
      const rules = bodies(edge(name), "aws_lb_listener_rule");
      const priorities = rules.map((r) => Number(r.priority));
      expect(new Set(priorities).size, name).toBe(rules.length);
      const weighted = Number(engineRule(edge(name)).priority);
      const previews = rules.filter((r) => r !== engineRule(edge(name)));
      expect(previews, name).toHaveLength(WORKLOAD_NAMES.length * COLOURS.length);
      for (const r of previews) expect(Number(r.priority), name).toBeLessThan(weighted);
    }
  });
});

describe("EdgeStack preview sources", () => {
  const restricted = (cidrs: string[]) => {
    const env = environment("staging");
    return edgeJson({ ...env, edge: { ...env.edge, previewSourceCidrs: cidrs } });
  };

  it("without previewSourceCidrs: no IP set and no preview rule in the WAF (previews open to all)", () => {
    expect(bodies(edge("staging"), "aws_wafv2_ip_set")).toEqual([]);
    expect((bodies(edge("staging"), "aws_wafv2_web_acl")[0].rule as any[]).map((r) => r.name)).not.toContain(
      "preview-from-unlisted-source",
    );
  });

  it("with previewSourceCidrs: the WAF blocks the preview header from any source outside the listed CIDRs, as its last rule", () => {
    const json = restricted(["203.0.113.0/24", "198.51.100.7/32"]);
    const [ipSetName, ipSet] = resourcesOf(json, "aws_wafv2_ip_set")[0];
    expect(ipSet).toMatchObject({ scope: "REGIONAL", ip_address_version: "IPV4", addresses: ["203.0.113.0/24", "198.51.100.7/32"] });
    const rules = bodies(json, "aws_wafv2_web_acl")[0].rule as Record<string, any>[];
    const rule = rules.find((r) => r.name === "preview-from-unlisted-source")!;
    expect(rule.priority).toBe(Math.max(...rules.map((r) => r.priority)));
    expect(rules.filter((r) => r !== rule).map((r) => r.priority)).toEqual([0, 1, 2, 3]);
    expect(rule.action).toEqual({ block: {} });
    const [present, notListed] = rule.statement.and_statement.statement;
    expect(present.size_constraint_statement).toMatchObject({
      field_to_match: { single_header: { name: "x-sparki-colour" } },
      comparison_operator: "GT",
      size: 0,
    });
    expect(notListed.not_statement.statement[0].ip_set_reference_statement.arn).toBe(ref("aws_wafv2_ip_set", ipSetName, "arn"));
  });
});

describe("EdgeStack target groups", () => {
  it("creates one IP target group per workload and colour, named by the catalog, checked on the readiness path", () => {
    const groups = bodies(edge("prod"), "aws_lb_target_group");
    expect(groups.map((g) => g.name).sort()).toEqual(
      WORKLOAD_NAMES.flatMap((w) => COLOURS.map((c) => targetGroupName("prod", w, c))).sort(),
    );
    for (const g of groups) {
      const workload = WORKLOAD_NAMES.find((w) => String(g.name).includes(`-${w}-`))!;
      expect(g).toMatchObject({ target_type: "ip", protocol: "HTTP", protocol_version: "HTTP1", port: WORKLOADS[workload].port });
      expect(g.health_check).toMatchObject({ path: WORKLOADS[workload].readinessPath, port: "traffic-port", matcher: "200" });
    }
  });

  it("keeps WebSocket clients on one engine pod and drains engine pods for their termination grace period", () => {
    const groups = bodies(edge("prod"), "aws_lb_target_group");
    const engine = groups.filter((g) => String(g.name).includes("-engine-"));
    const web = groups.filter((g) => String(g.name).includes("-web-"));
    for (const g of engine) {
      expect(g.stickiness).toEqual({ type: "lb_cookie", enabled: true, cookie_duration: 3600 });
      expect(g.deregistration_delay).toBe("300");
    }
    for (const g of web) {
      expect(g.stickiness).toMatchObject({ enabled: false });
      expect(Number(g.deregistration_delay)).toBeLessThan(WORKLOADS.web.terminationGraceSeconds);
    }
  });

  it("outputs every name the apps stack and the release CLI read", () => {
    const outputs = Object.keys(edge("dev").output ?? {});
    const expected = [
      ...WORKLOAD_NAMES.flatMap((w) =>
        COLOURS.flatMap((c) => [EDGE_OUTPUTS.targetGroupArn(w, c), EDGE_OUTPUTS.targetGroupArnSuffix(w, c)]),
      ),
      EDGE_OUTPUTS.loadBalancerSecurityGroupId,
      EDGE_OUTPUTS.loadBalancerArnSuffix,
      EDGE_OUTPUTS.loadBalancerDnsName,
    ];
    expect(outputs.sort()).toEqual(expected.sort());
    expect(edge("dev").output?.[EDGE_OUTPUTS.targetGroupArn("engine", "green")].value).toBe(targetGroupArn(edge("dev"), "engine", "green"));
  });
});

describe("EdgeStack load balancer", () => {
  it("is internet-facing in the core's public subnets, drops invalid headers, blocks desync and keeps idle WebSockets 300 s", () => {
    const alb = bodies(edge("dev"), "aws_lb")[0];
    expect(alb).toMatchObject({
      internal: false,
      load_balancer_type: "application",
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "strictest",
      idle_timeout: 300,
    });
    expect(alb.subnets).toMatch(fromCore("public_subnet_ids"));
  });

  it("has deletion protection exactly where the environment asks for it", () => {
    expect(bodies(edge("prod"), "aws_lb")[0].enable_deletion_protection).toBe(true);
    expect(bodies(edge("dev"), "aws_lb")[0].enable_deletion_protection).toBe(false);
    expect(bodies(edge("prod"), "aws_s3_bucket")[0].lifecycle).toEqual({ prevent_destroy: true });
  });

  it("opens only 80/443 to the internet and reaches the nodes only on the two workload ports, both ways", () => {
    const json = edge("prod");
    const albGroup = ref("aws_security_group", resourcesOf(json, "aws_security_group")[0][0], "id");
    const ingress = bodies(json, "aws_vpc_security_group_ingress_rule");
    const open = ingress.filter((r) => r.security_group_id === albGroup);
    expect(open.map((r) => [r.cidr_ipv4, r.from_port, r.to_port]).sort()).toEqual([
      ["0.0.0.0/0", 443, 443],
      ["0.0.0.0/0", 80, 80],
    ]);
    const nodes = ingress.filter((r) => r.security_group_id !== albGroup);
    for (const r of nodes) {
      expect(r.security_group_id).toMatch(fromCore("node_security_group_id"));
      expect(r.referenced_security_group_id).toBe(albGroup);
    }
    expect(nodes.map((r) => [r.from_port, r.to_port]).sort()).toEqual([
      [3000, 3000],
      [8080, 8080],
    ]);
    const egress = bodies(json, "aws_vpc_security_group_egress_rule");
    expect(
      egress.every(
        (r) => r.security_group_id === albGroup && fromCore("node_security_group_id").test(String(r.referenced_security_group_id)),
      ),
    ).toBe(true);
    expect(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port]).sort()).toEqual([
      ["tcp", 3000, 3000],
      ["tcp", 8080, 8080],
    ]);
  });
});

describe("EdgeStack access logs", () => {
  it("writes to an SSE-S3, private, TLS-only bucket that expires logs after the configured days", () => {
    const json = edge("prod");
    const bucket = named(json, "aws_s3_bucket", "access-logs");
    const alb = bodies(json, "aws_lb")[0];
    expect(alb.access_logs).toEqual({ bucket: ref("aws_s3_bucket", bucket, "bucket"), enabled: true });
    expect(alb.depends_on).toEqual([`aws_s3_bucket_policy.${named(json, "aws_s3_bucket_policy", "access-logs")}`]);
    expect(bodies(json, "aws_s3_bucket_server_side_encryption_configuration")[0].rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(bodies(json, "aws_s3_bucket_public_access_block")[0]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(bodies(json, "aws_s3_bucket_ownership_controls")[0].rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect((bodies(json, "aws_s3_bucket_lifecycle_configuration")[0].rule as any[])[0].expiration).toEqual([{ days: 365 }]);
    expect((bodies(edgeJson(environment("dev")), "aws_s3_bucket_lifecycle_configuration")[0].rule as any[])[0].expiration).toEqual([
      { days: 14 },
    ]);
  });

  it("lets only the region's Elastic Load Balancing account write, under this account's prefix", () => {
    for (const [env, elbAccount] of [
      [environment("prod"), "127311923021"],
      [perf(), "156460612806"],
    ] as const) {
      const json = edgeJson(env);
      const statements = policyOf(bodies(json, "aws_s3_bucket_policy")[0]).Statement;
      const bucketArn = ref("aws_s3_bucket", named(json, "aws_s3_bucket", "access-logs"), "arn");
      expect(statements.find((s) => s.Effect === "Allow")).toEqual({
        Sid: "ElbAccessLogDelivery",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${elbAccount}:root` },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${env.account.id}/*`,
      });
      expect(statements.find((s) => s.Effect === "Deny")?.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    }
  });
});

describe("EdgeStack WAF", () => {
  it("attaches a regional web ACL with the rate rule first and the three managed rule groups", () => {
    const json = edge("staging");
    const acl = bodies(json, "aws_wafv2_web_acl")[0];
    expect(acl.scope).toBe("REGIONAL");
    const rules = acl.rule as Record<string, any>[];
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [0, "rate-limit-per-ip"],
      [1, "AWSManagedRulesAmazonIpReputationList"],
      [2, "AWSManagedRulesCommonRuleSet"],
      [3, "AWSManagedRulesKnownBadInputsRuleSet"],
    ]);
    expect(rules[0].action).toEqual({ block: {} });
    expect(rules[0].statement).toEqual({ rate_based_statement: { limit: 2000, aggregate_key_type: "IP", evaluation_window_sec: 300 } });
    for (const r of rules.slice(1)) expect(r.statement.managed_rule_group_statement.vendor_name).toBe("AWS");
    expect(rules.every((r) => r.visibility_config.cloudwatch_metrics_enabled && r.visibility_config.sampled_requests_enabled)).toBe(true);
    expect((bodies(edge("dev"), "aws_wafv2_web_acl")[0].rule as any[])[0].statement.rate_based_statement.limit).toBe(1000);
    const association = bodies(json, "aws_wafv2_web_acl_association")[0];
    expect(association).toEqual({
      resource_arn: ref("aws_lb", named(json, "aws_lb", "alb"), "arn"),
      web_acl_arn: ref("aws_wafv2_web_acl", named(json, "aws_wafv2_web_acl", "web-acl"), "arn"),
    });
  });

  it("logs to an encrypted aws-waf-logs-* group with the environment's retention, without credentials", () => {
    const json = edge("prod");
    const group = bodies(json, "aws_cloudwatch_log_group")[0];
    expect(group.name).toBe("aws-waf-logs-sparki-prod");
    expect(group.kms_key_id).toMatch(fromCore("logs_kms_key_arn"));
    expect(group.retention_in_days).toBe(environment("prod").observability.logRetentionDays);
    const logging = bodies(json, "aws_wafv2_web_acl_logging_configuration")[0];
    expect(logging.log_destination_configs).toEqual([
      ref("aws_cloudwatch_log_group", named(json, "aws_cloudwatch_log_group", "waf"), "arn"),
    ]);
    expect(logging.redacted_fields).toEqual([{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }]);
  });
});

describe("EdgeStack certificate and DNS", () => {
  it("with a hosted zone: issues a DNS-validated certificate for both hosts and aliases them to the ALB", () => {
    const json = edge("prod");
    const cert = bodies(json, "aws_acm_certificate")[0];
    expect(cert).toMatchObject({ domain_name: "app.sparki.dev", subject_alternative_names: ["api.sparki.dev"], validation_method: "DNS" });
    const validation = named(json, "aws_acm_certificate_validation", "certificate");
    expect(listener(json, 443).certificate_arn).toBe(ref("aws_acm_certificate_validation", validation, "certificate_arn"));
    const records = resourcesOf(json, "aws_route53_record");
    const [, validationRecord] = records.find(([name]) => name.includes("validation-record"))!;
    expect(validationRecord.for_each).toMatch(/domain_validation_options/);
    expect(validationRecord.zone_id).toBe("Z00000000000000000PROD");
    const aliases = records.filter(([, r]) => r.alias).map(([, r]) => [r.name, r.type]);
    expect(aliases.sort()).toEqual([
      ["api.sparki.dev", "A"],
      ["app.sparki.dev", "A"],
    ]);
  });

  it("with certificateArn and no zone: uses the existing certificate and writes no DNS", () => {
    const json = edge("dev");
    expect(listener(json, 443).certificate_arn).toBe(environment("dev").edge.certificateArn);
    expect(bodies(json, "aws_acm_certificate")).toEqual([]);
    expect(bodies(json, "aws_route53_record")).toEqual([]);
  });

  it("reads the core stack only through its named outputs", () => {
    const text = JSON.stringify(edge("prod"));
    const outputs = [...text.matchAll(/terraform_remote_state\.core-outputs_state_[0-9A-F]{8}\.outputs\.([a-z_]+)/g)].map((m) => m[1]);
    expect(new Set(outputs)).toEqual(
      new Set(["vpc_id", "public_subnet_ids", "node_security_group_id", "logs_kms_key_arn", "alarm_topic_arn"]),
    );
  });
});

describe("EdgeStack certificate expiry alarm", () => {
  const expiryAlarms = (json: TerraformJson) => bodies(json, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_name === "DaysToExpiry");

  it("alarms on the ALB's own certificate below 30 days left, daily, to the core alarm topic, linking its runbook", () => {
    const json = edge("prod");
    const [alarm] = expiryAlarms(json);
    expect(expiryAlarms(json)).toHaveLength(1);
    expect(alarm).toMatchObject({
      namespace: "AWS/CertificateManager",
      statistic: "Minimum",
      comparison_operator: "LessThanThreshold",
      threshold: 30,
      period: 86400,
      evaluation_periods: 1,
      // ACM stops emitting the metric once a certificate has expired: silence must page too.
      treat_missing_data: "breaching",
    });
    expect(alarm.dimensions).toEqual({ CertificateArn: listener(json, 443).certificate_arn });
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(fromCore("alarm_topic_arn"))]);
    expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
    expect(alarm.provider).toBeUndefined();
    // The link resolves: GitHub makes "## Certificate expiry" the anchor #certificate-expiry.
    expect(alarm.alarm_description).toMatch(/Runbook: runbooks\/edge\.md#certificate-expiry$/);
    expect(readFileSync("runbooks/edge.md", "utf8")).toMatch(/^## Certificate expiry$/m);
  });

  it("watches an imported certificate (no hosted zone) by the ARN the listener uses", () => {
    const json = edge("dev");
    expect(expiryAlarms(json).map((a) => a.dimensions)).toEqual([{ CertificateArn: environment("dev").edge.certificateArn }]);
  });
});

describe("EdgeStack policy", () => {
  it("passes the security baseline in every environment with no suppression", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const stack = edgeStack(environment(name), CANARY);
      const check = new PolicyCheck();
      check.attach(stack, environment(name).tier);
      const json = JSON.parse(JSON.stringify(synthJson(stack))) as SynthesizedStack;
      const result = check.evaluate(() => json);
      expect(result.findings, name).toEqual([]);
      expect(result.suppressions, name).toEqual([]);
    }
  });
});

/** A copy of environments/<base>.yaml with edits to its edge section, in a fresh directory. */
function problemsWithEdge(base: string, set: Record<string, unknown>, remove: string[] = []): Problem[] {
  const dir = mkdtempSync(join(tmpdir(), "sparki-edge-env-"));
  const doc = parseDocument(readFileSync(`environments/${base}.yaml`, "utf8"));
  for (const [key, value] of Object.entries(set)) doc.setIn(["edge", key], value);
  for (const key of remove) doc.deleteIn(["edge", key]);
  writeFileSync(join(dir, `${base}.yaml`), doc.toString());
  try {
    loadEnvironments(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error("expected the configuration to be rejected");
}
const at = (problems: Problem[], path: string) => {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return found;
};

describe("edge configuration", () => {
  it("requires a certificate source: a hosted zone or an existing certificate", () => {
    const problem = at(problemsWithEdge("dev", {}, ["certificateArn"]), "edge");
    expect(problem.message).toMatch(/no certificate source/);
    expect(problem.allowed).toMatch(/hostedZoneId.*certificateArn/);
    expect(problem.file).toMatch(/dev\.yaml$/);
  });

  it("rejects both a hosted zone and a certificate ARN", () => {
    const problem = at(
      problemsWithEdge("prod", { certificateArn: "arn:aws:acm:us-east-1:333333333333:certificate/00000000-0000-4000-8000-000000000003" }),
      "edge.certificateArn",
    );
    expect(problem.fix).toMatch(/remove edge\.certificateArn/);
  });

  it("rejects a certificate from another region or another account", () => {
    const region = at(
      problemsWithEdge("dev", { certificateArn: "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000001" }),
      "edge.certificateArn",
    );
    expect(region.message).toMatch(/eu-west-1.*us-east-1/);
    expect(region.value).toMatch(/^arn:aws:acm:eu-west-1/);
    const account = at(
      problemsWithEdge("dev", { certificateArn: "arn:aws:acm:us-east-1:999999999999:certificate/00000000-0000-4000-8000-000000000001" }),
      "edge.certificateArn",
    );
    expect(account.allowed).toMatch(/111111111111/);
  });

  it("rejects an engine host equal to the web host, a malformed hostname and a rate limit WAF refuses", () => {
    expect(at(problemsWithEdge("prod", { engineHost: "app.sparki.dev" }), "edge.engineHost").message).toMatch(/same hostname/);
    expect(at(problemsWithEdge("prod", { domain: "App.Sparki.dev" }), "edge.domain").allowed).toMatch(/hostname/);
    expect(at(problemsWithEdge("prod", { rateLimitPer5Minutes: 5 }), "edge.rateLimitPer5Minutes").allowed).toMatch(/at least 10/);
  });

  it("rejects preview sources that are not network addresses or that open previews to everyone", () => {
    const host = at(problemsWithEdge("staging", { previewSourceCidrs: ["203.0.113.7/24"] }), "edge.previewSourceCidrs[0]");
    expect(host.message).toMatch(/host bits are set/);
    expect(host.fix).toBe("use the network address 203.0.113.0/24");
    const open = at(problemsWithEdge("staging", { previewSourceCidrs: ["203.0.113.0/24", "0.0.0.0/0"] }), "edge.previewSourceCidrs[1]");
    expect(open.fix).toMatch(/leave the list empty/);
  });

  it("fills the defaults of the optional fields", () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-edge-env-"));
    const doc = parseDocument(readFileSync("environments/staging.yaml", "utf8"));
    doc.deleteIn(["edge", "rateLimitPer5Minutes"]);
    doc.deleteIn(["edge", "accessLogRetentionDays"]);
    writeFileSync(join(dir, "staging.yaml"), doc.toString());
    const [env] = loadEnvironments(dir);
    expect(env.edge).toMatchObject({ rateLimitPer5Minutes: 2000, accessLogRetentionDays: 90, previewSourceCidrs: [] });
  });
});

/** A real environment with the CDN switched on (and, without a zone, a us-east-1 certificate for it). */
function withCdn(name: string, cdn: Partial<EnvironmentConfig["edge"]["cdn"]> = {}): EnvironmentConfig {
  const env = environment(name);
  return { ...env, edge: { ...env.edge, cdn: { ...env.edge.cdn, enabled: true, ...cdn } } };
}
const CDN_CERTIFICATE = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-00000000cd01";

describe("EdgeStack CDN", () => {
  const prodCdn = edgeJson(withCdn("prod"));
  const distribution = () => bodies(prodCdn, "aws_cloudfront_distribution")[0];
  type Behaviour = Record<string, unknown> & { path_pattern?: string };
  const ordered = () => distribution().ordered_cache_behavior as Behaviour[];

  it("disabled (every environment file): no CloudFront resources, no us-east-1 provider, the ALB open on 80/443", () => {
    for (const name of ["dev", "staging", "prod"]) {
      const json = edge(name);
      expect(
        Object.keys(json.resource ?? {}).filter((type) => type.startsWith("aws_cloudfront_")),
        name,
      ).toEqual([]);
      expect((json.provider as { aws: { alias?: string }[] }).aws.map((p) => p.alias).filter(Boolean), name).toEqual([]);
      expect(
        bodies(json, "aws_vpc_security_group_ingress_rule")
          .filter((r) => r.cidr_ipv4 === "0.0.0.0/0")
          .map((r) => r.from_port)
          .sort(),
        name,
      ).toEqual([443, 80]);
    }
  });

  it("serves both hostnames over HTTP/2 and 3, TLS 1.2_2021 with SNI, compressed, at the configured price class", () => {
    expect(distribution()).toMatchObject({
      enabled: true,
      aliases: ["app.sparki.dev", "api.sparki.dev"],
      http_version: "http2and3",
      price_class: "PriceClass_100",
      viewer_certificate: { ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
    });
    expect(edgeJson(withCdn("prod", { priceClass: "PriceClass_All" }))).toSatisfy(
      (json: TerraformJson) => bodies(json, "aws_cloudfront_distribution")[0].price_class === "PriceClass_All",
    );
    const origin = (distribution().origin as Record<string, any>[])[0];
    expect(origin.domain_name).toBe(ref("aws_lb", named(prodCdn, "aws_lb", "load-balancer"), "dns_name"));
    expect(origin.custom_origin_config).toMatchObject({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] });
  });

  it("caches /_next/static/* long, keyed on the preview header; pages and the engine's paths uncached with every viewer header", () => {
    const [staticAssets, ...engine] = ordered();
    const policyName = named(prodCdn, "aws_cloudfront_cache_policy", "static-assets");
    expect(staticAssets).toMatchObject({
      path_pattern: "/_next/static/*",
      cache_policy_id: ref("aws_cloudfront_cache_policy", policyName, "id"),
      allowed_methods: ["GET", "HEAD"],
      compress: true,
    });
    const policy = bodies(prodCdn, "aws_cloudfront_cache_policy")[0] as Record<string, any>;
    expect(policy.max_ttl).toBe(31_536_000);
    const key = policy.parameters_in_cache_key_and_forwarded_to_origin;
    expect(key.headers_config.headers.items).toContain(PREVIEW_COLOUR_HEADER);
    expect(key).toMatchObject({ enable_accept_encoding_brotli: true, enable_accept_encoding_gzip: true });

    const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    const ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    expect(engine.map((b) => b.path_pattern)).toEqual([...WORKLOADS.engine.pathPatterns]);
    for (const behaviour of [...engine, distribution().default_cache_behavior as Behaviour]) {
      expect(behaviour).toMatchObject({
        cache_policy_id: CACHING_DISABLED,
        origin_request_policy_id: ALL_VIEWER,
        viewer_protocol_policy: "redirect-to-https",
      });
      // REST writes and the WebSocket upgrade (a GET with its Sec-WebSocket-* headers) pass through.
      expect(behaviour.allowed_methods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "PATCH", "DELETE"]));
    }
    expect(staticAssets.origin_request_policy_id).toBe(ALL_VIEWER);
  });

  it("puts its certificate, web ACL (CLOUDFRONT scope, client-address rules) and their alarm in us-east-1", () => {
    const providers = (prodCdn.provider as { aws: { alias?: string; region: string }[] }).aws;
    expect(providers.find((p) => p.alias === "us-east-1")?.region).toBe("us-east-1");
    const [certName, cert] = resourcesOf(prodCdn, "aws_acm_certificate").find(([name]) => name.includes("cdn"))!;
    expect(cert).toMatchObject({ provider: "aws.us-east-1", domain_name: "app.sparki.dev", subject_alternative_names: ["api.sparki.dev"] });
    const validation = resourcesOf(prodCdn, "aws_acm_certificate_validation").find(
      ([, v]) => v.certificate_arn === ref("aws_acm_certificate", certName, "arn"),
    )!;
    expect(validation[1].provider).toBe("aws.us-east-1");
    // ACM gives both certificates the same validation CNAMEs: written once, by the ALB's certificate,
    // so switching the CDN off cannot delete the records the ALB certificate renews with.
    const records = resourcesOf(prodCdn, "aws_route53_record").filter(([name]) => name.includes("validation-record"));
    expect(records.map(([name]) => name)).toEqual([named(prodCdn, "aws_route53_record", "certificate_validation-record")]);
    expect(validation[1].depends_on).toEqual([`aws_route53_record.${records[0][0]}`]);
    expect((distribution().viewer_certificate as Record<string, unknown>).acm_certificate_arn).toBe(
      ref("aws_acm_certificate_validation", validation[0], "certificate_arn"),
    );

    const [aclName, acl] = resourcesOf(prodCdn, "aws_wafv2_web_acl").find(([, a]) => a.scope === "CLOUDFRONT")!;
    expect(acl.provider).toBe("aws.us-east-1");
    expect(distribution().web_acl_id).toBe(ref("aws_wafv2_web_acl", aclName, "arn"));
    expect((acl.rule as { name: string }[])[0].name).toBe("rate-limit-per-ip");
    const cdnLogGroup = bodies(prodCdn, "aws_cloudwatch_log_group").find((g) => g.name === "aws-waf-logs-sparki-prod-cdn")!;
    expect(cdnLogGroup.provider).toBe("aws.us-east-1");
    // Behind CloudFront the regional ACL sees only CloudFront's addresses: no per-IP rule there.
    const regional = bodies(prodCdn, "aws_wafv2_web_acl").find((a) => a.scope === "REGIONAL")!;
    expect((regional.rule as { name: string }[]).map((r) => r.name)).not.toContain("rate-limit-per-ip");

    const alarms = bodies(prodCdn, "aws_cloudwatch_metric_alarm").filter((a) => a.metric_name === "DaysToExpiry");
    const cdnAlarm = alarms.find((a) => a.alarm_name === "sparki-prod-cdn-certificate-expiry")!;
    expect(cdnAlarm).toMatchObject({
      provider: "aws.us-east-1",
      dimensions: { CertificateArn: ref("aws_acm_certificate_validation", validation[0], "certificate_arn") },
    });
    expect(cdnAlarm.alarm_actions).toEqual([expect.stringMatching(fromCore("alarm_topic_arn"))]);
    expect(alarms).toHaveLength(2);
  });

  it("moves the preview-source restriction to the CloudFront web ACL, where the client's address is seen", () => {
    const env = withCdn("staging");
    const json = edgeJson({ ...env, edge: { ...env.edge, previewSourceCidrs: ["203.0.113.0/24"] } });
    const ipSets = bodies(json, "aws_wafv2_ip_set");
    expect(ipSets.map((s) => [s.scope, s.provider])).toEqual([["CLOUDFRONT", "aws.us-east-1"]]);
    const scopeOf = (rule: string) =>
      bodies(json, "aws_wafv2_web_acl")
        .filter((a) => (a.rule as { name: string }[]).some((r) => r.name === rule))
        .map((a) => a.scope);
    expect(scopeOf("preview-from-unlisted-source")).toEqual(["CLOUDFRONT"]);
  });

  it("admits only CloudFront's origin-facing prefix list, on HTTPS alone", () => {
    const lists = Object.entries((prodCdn.data as Record<string, Record<string, Record<string, unknown>>>).aws_ec2_managed_prefix_list);
    expect(lists.map(([, d]) => d.name)).toEqual(["com.amazonaws.global.cloudfront.origin-facing"]);
    const albGroup = ref("aws_security_group", named(prodCdn, "aws_security_group", "load-balancer"), "id");
    const ingress = bodies(prodCdn, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === albGroup);
    expect(ingress).toEqual([
      expect.objectContaining({ prefix_list_id: `\${data.aws_ec2_managed_prefix_list.${lists[0][0]}.id}`, from_port: 443, to_port: 443 }),
    ]);
    expect(ingress[0].cidr_ipv4).toBeUndefined();
  });

  it("points both hostnames' alias records at the distribution, without target-health evaluation", () => {
    const name = named(prodCdn, "aws_cloudfront_distribution", "cdn");
    const aliases = bodies(prodCdn, "aws_route53_record")
      .filter((r) => r.alias)
      .map((r) => [r.name, r.alias]);
    const target = {
      name: ref("aws_cloudfront_distribution", name, "domain_name"),
      zone_id: ref("aws_cloudfront_distribution", name, "hosted_zone_id"),
      evaluate_target_health: false,
    };
    expect(aliases.sort()).toEqual([
      ["api.sparki.dev", target],
      ["app.sparki.dev", target],
    ]);
  });

  it("without a zone: uses edge.cdn.certificateArn, writes no DNS and outputs the distribution's name", () => {
    const json = edgeJson(withCdn("dev", { certificateArn: CDN_CERTIFICATE }));
    expect((bodies(json, "aws_cloudfront_distribution")[0].viewer_certificate as Record<string, unknown>).acm_certificate_arn).toBe(
      CDN_CERTIFICATE,
    );
    expect(bodies(json, "aws_acm_certificate")).toEqual([]);
    expect(bodies(json, "aws_route53_record")).toEqual([]);
    expect(Object.keys(json.output ?? {})).toContain("cdn_domain_name");
  });

  it("passes the security baseline with the CDN on", () => {
    const stack = edgeStack(withCdn("prod"));
    const check = new PolicyCheck();
    check.attach(stack, "production");
    const result = check.evaluate(() => JSON.parse(JSON.stringify(synthJson(stack))) as SynthesizedStack);
    expect(result.findings).toEqual([]);
  });
});

describe("edge.cdn configuration", () => {
  it("is off by default, at the default price class", () => {
    expect(environment("staging").edge.cdn).toEqual({ enabled: false, priceClass: "PriceClass_100" });
  });

  it("needs a certificate source for CloudFront: the zone or a us-east-1 certificate of the account", () => {
    expect(at(problemsWithEdge("dev", { cdn: { enabled: true } }), "edge.cdn").fix).toMatch(/us-east-1/);
    const region = at(
      problemsWithEdge("dev", { cdn: { enabled: true, certificateArn: CDN_CERTIFICATE.replace("us-east-1", "eu-west-1") } }),
      "edge.cdn.certificateArn",
    );
    expect(region.message).toMatch(/CloudFront only uses certificates of us-east-1/);
    const account = at(
      problemsWithEdge("dev", { cdn: { enabled: true, certificateArn: CDN_CERTIFICATE.replace("111111111111", "999999999999") } }),
      "edge.cdn.certificateArn",
    );
    expect(account.allowed).toMatch(/111111111111/);
    expect(
      at(
        problemsWithEdge("prod", { cdn: { enabled: true, certificateArn: CDN_CERTIFICATE.replace("111111111111", "333333333333") } }),
        "edge.cdn.certificateArn",
      ).fix,
    ).toMatch(/remove edge\.cdn\.certificateArn/);
  });

  it("refuses an unknown price class and the CDN outside us-east-1 (its alarm could not reach the alarm topic)", () => {
    expect(at(problemsWithEdge("prod", { cdn: { enabled: true, priceClass: "PriceClass_50" } }), "edge.cdn.priceClass").value).toBe(
      "PriceClass_50",
    );
    const dir = mkdtempSync(join(tmpdir(), "sparki-edge-perf-"));
    const doc = parseDocument(readFileSync("test/fixtures/environments/perf.yaml", "utf8"));
    doc.setIn(["edge", "cdn"], { enabled: true });
    writeFileSync(join(dir, "perf.yaml"), doc.toString());
    let problems: Problem[] = [];
    try {
      loadEnvironments(dir);
    } catch (error) {
      problems = [...(error as ConfigError).problems];
    }
    expect(at(problems, "edge.cdn.enabled").message).toMatch(/eu-west-1.*us-east-1/);
  });
});
