import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyCheck, PolicyError, type SynthesizedStack } from "../src/policy/policy-check";
import { BASELINE_RULES } from "../src/policy/rules";
import { suppressPolicy } from "../src/policy/suppressions";
import type { Tier } from "../src/policy/types";
import { synthesize } from "../src/synthesize";
import { testApp } from "./helpers/synth";

type Attributes = Record<string, unknown>;
interface Extra {
  readonly type: string;
  readonly id: string;
  readonly attributes: Attributes;
}

/** A stack holding one resource of `type` (logical id `subject`) plus `extras`, judged under `tier`. */
function judge(type: string, attributes: Attributes, options: { tier?: Tier; extras?: Extra[]; suppress?: [string, string] } = {}) {
  const stack = new TerraformStack(testApp(), "policy-test");
  const add = (resourceType: string, id: string, attrs: Attributes) => {
    const resource = new TerraformResource(stack, id, { terraformResourceType: resourceType });
    for (const [key, value] of Object.entries(attrs)) resource.addOverride(key, value);
    return resource;
  };
  const subject = add(type, "subject", attributes);
  for (const extra of options.extras ?? []) add(extra.type, extra.id, extra.attributes);
  if (options.suppress) suppressPolicy(subject, ...options.suppress);
  const check = new PolicyCheck();
  check.attach(stack, options.tier ?? "production");
  const json = JSON.parse(Testing.synth(stack)) as SynthesizedStack;
  return check.evaluate(() => json);
}

const rulesHit = (result: ReturnType<typeof judge>) => result.findings.map((f) => f.rule);

interface Case {
  readonly rule: string;
  readonly type: string;
  readonly bad: Attributes;
  readonly good: Attributes;
  /** Other resources present with the compliant subject only. */
  readonly extras?: Extra[];
}

const openRule = (cidr: string, port: number): Attributes => ({
  security_group_id: "${aws_security_group.lb.id}",
  cidr_ipv4: cidr,
  ip_protocol: "tcp",
  from_port: port,
  to_port: port,
});
const lbGroup = (tags: Attributes): Extra => ({ type: "aws_security_group", id: "lb", attributes: { name: "lb", tags } });
const policyDoc = (statement: Attributes) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

const CASES: Case[] = [
  { rule: "SPK-ENC-RDS", type: "aws_db_instance", bad: { storage_encrypted: false }, good: { storage_encrypted: true } },
  {
    rule: "SPK-ENC-CACHE-REST",
    type: "aws_elasticache_replication_group",
    bad: { at_rest_encryption_enabled: "false" },
    good: { at_rest_encryption_enabled: "true" },
  },
  {
    rule: "SPK-ENC-CACHE-TRANSIT",
    type: "aws_elasticache_replication_group",
    bad: { transit_encryption_enabled: false },
    good: { transit_encryption_enabled: true },
  },
  {
    rule: "SPK-ENC-RDS-TRANSIT",
    type: "aws_db_parameter_group",
    bad: { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "0" }] },
    good: { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "1" }] },
  },
  { rule: "SPK-ENC-EBS", type: "aws_ebs_volume", bad: { encrypted: false }, good: { encrypted: true } },
  {
    rule: "SPK-ENC-EBS",
    type: "aws_launch_template",
    bad: { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "false" } }] },
    good: { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true" } }] },
  },
  {
    rule: "SPK-ENC-S3",
    type: "aws_s3_bucket",
    bad: { bucket: "sparki-example" },
    good: { bucket: "sparki-example" },
    extras: [
      { type: "aws_s3_bucket_server_side_encryption_configuration", id: "sse", attributes: { bucket: "${aws_s3_bucket.subject.id}" } },
    ],
  },
  {
    rule: "SPK-ENC-LOGS",
    type: "aws_cloudwatch_log_group",
    bad: { retention_in_days: 30 },
    good: { retention_in_days: 30, kms_key_id: "arn:aws:kms:us-east-1:1:key/x" },
  },
  {
    rule: "SPK-ENC-SECRETS",
    type: "aws_secretsmanager_secret",
    bad: { name: "x" },
    good: { name: "x", kms_key_id: "arn:aws:kms:us-east-1:1:key/x" },
  },
  {
    rule: "SPK-ENC-OPENSEARCH",
    type: "aws_opensearch_domain",
    bad: {
      encrypt_at_rest: { enabled: true },
      node_to_node_encryption: { enabled: false },
      domain_endpoint_options: { enforce_https: true },
    },
    good: {
      encrypt_at_rest: { enabled: true },
      node_to_node_encryption: { enabled: true },
      domain_endpoint_options: { enforce_https: true },
    },
  },
  { rule: "SPK-ENC-SNS", type: "aws_sns_topic", bad: { name: "alarms" }, good: { name: "alarms", kms_master_key_id: "alias/x" } },
  {
    rule: "SPK-ENC-SQS",
    type: "aws_sqs_queue",
    bad: { name: "q", sqs_managed_sse_enabled: false },
    good: { name: "q", sqs_managed_sse_enabled: true },
  },
  { rule: "SPK-ENC-SQS", type: "aws_sqs_queue", bad: { name: "q" }, good: { name: "q", kms_master_key_id: "alias/x" } },
  {
    rule: "SPK-ENC-ECR",
    type: "aws_ecr_repository",
    bad: { name: "web", encryption_configuration: [{ encryption_type: "AES256" }] },
    good: { name: "web", encryption_configuration: [{ encryption_type: "KMS", kms_key: "arn:aws:kms:us-east-1:1:key/x" }] },
  },
  {
    rule: "SPK-ENC-BACKUP",
    type: "aws_backup_vault",
    bad: { name: "v" },
    good: { name: "v", kms_key_arn: "arn:aws:kms:us-east-1:1:key/x" },
  },
  { rule: "SPK-KMS-ROTATION", type: "aws_kms_key", bad: { enable_key_rotation: false }, good: { enable_key_rotation: true } },
  {
    rule: "SPK-NET-OPEN-INGRESS",
    type: "aws_vpc_security_group_ingress_rule",
    bad: openRule("0.0.0.0/0", 5432),
    good: openRule("10.0.0.0/16", 5432),
  },
  {
    rule: "SPK-NET-OPEN-INGRESS",
    type: "aws_vpc_security_group_ingress_rule",
    bad: openRule("0.0.0.0/0", 443),
    good: openRule("0.0.0.0/0", 443),
    // 443 from anywhere is fine only on a group marked as an internet-facing load balancer's.
    extras: [lbGroup({ "sparki.dev/purpose": "public-load-balancer" })],
  },
  {
    rule: "SPK-NET-OPEN-INGRESS",
    type: "aws_security_group",
    bad: { ingress: [{ cidr_blocks: ["0.0.0.0/0"], from_port: 22, to_port: 22, protocol: "tcp" }] },
    good: { ingress: [{ cidr_blocks: ["10.0.0.0/8"], from_port: 22, to_port: 22, protocol: "tcp" }] },
  },
  {
    rule: "SPK-LB-DROP-HEADERS",
    type: "aws_lb",
    bad: { load_balancer_type: "application" },
    good: { load_balancer_type: "application", drop_invalid_header_fields: true },
  },
  {
    rule: "SPK-LB-ACCESS-LOGS",
    type: "aws_lb",
    bad: { access_logs: { bucket: "logs", enabled: false } },
    good: { access_logs: { bucket: "logs", enabled: true } },
  },
  {
    rule: "SPK-LB-TLS",
    type: "aws_lb_listener",
    bad: { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-0-2021-06" },
    good: { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
  },
  {
    rule: "SPK-LB-TLS",
    type: "aws_lb_listener",
    bad: { protocol: "HTTP", default_action: [{ type: "forward", target_group_arn: "arn:tg" }] },
    good: {
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
    },
  },
  {
    rule: "SPK-LB-WAF",
    type: "aws_lb",
    bad: { internal: false },
    good: { internal: false },
    extras: [
      { type: "aws_wafv2_web_acl_association", id: "waf", attributes: { resource_arn: "${aws_lb.subject.arn}", web_acl_arn: "arn:acl" } },
    ],
  },
  { rule: "SPK-NET-PUBLIC-DB", type: "aws_db_instance", bad: { publicly_accessible: true }, good: { publicly_accessible: false } },
  { rule: "SPK-NET-PUBLIC-IP", type: "aws_subnet", bad: { map_public_ip_on_launch: true }, good: { map_public_ip_on_launch: false } },
  {
    rule: "SPK-IAM-ADMIN",
    type: "aws_iam_role_policy",
    bad: { policy: policyDoc({ Effect: "Allow", Action: "*", Resource: "*" }) },
    good: { policy: policyDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) },
  },
  {
    rule: "SPK-KMS-PUBLIC",
    type: "aws_kms_key",
    bad: { enable_key_rotation: true, policy: policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }) },
    good: {
      enable_key_rotation: true,
      policy: policyDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }),
    },
  },
  {
    rule: "SPK-IDP-SIGN-IN",
    type: "aws_cognito_user_pool",
    bad: { name: "p", mfa_configuration: "OPTIONAL", admin_create_user_config: { allow_admin_create_user_only: false } },
    good: { name: "p", mfa_configuration: "ON", admin_create_user_config: { allow_admin_create_user_only: true } },
  },
  {
    rule: "SPK-IDP-SIGN-IN",
    type: "aws_cognito_identity_pool",
    bad: { identity_pool_name: "p", allow_unauthenticated_identities: true },
    good: { identity_pool_name: "p", allow_unauthenticated_identities: false },
  },
  {
    rule: "SPK-EKS-ENDPOINT",
    type: "aws_eks_cluster",
    bad: { vpc_config: { endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] } },
    good: { vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] } },
  },
  {
    rule: "SPK-EKS-SECRETS",
    type: "aws_eks_cluster",
    bad: { name: "c" },
    good: { name: "c", encryption_config: { resources: ["secrets"], provider: { key_arn: "arn:aws:kms:us-east-1:1:key/x" } } },
  },
  {
    rule: "SPK-EKS-LOGS",
    type: "aws_eks_cluster",
    bad: { enabled_cluster_log_types: ["api", "audit"] },
    good: { enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
  },
  {
    rule: "SPK-IMDSV2",
    type: "aws_launch_template",
    bad: { metadata_options: { http_tokens: "optional" } },
    good: { metadata_options: { http_tokens: "required" } },
  },
  {
    rule: "SPK-LOG-RETENTION",
    type: "aws_cloudwatch_log_group",
    bad: { kms_key_id: "k" },
    good: { kms_key_id: "k", retention_in_days: 14 },
  },
  {
    rule: "SPK-PROD-DELETION-PROTECTION",
    type: "aws_db_instance",
    bad: { deletion_protection: false },
    good: { deletion_protection: true },
  },
  {
    rule: "SPK-PROD-DELETION-PROTECTION",
    type: "aws_db_instance",
    bad: { deletion_protection: true, skip_final_snapshot: true },
    good: { deletion_protection: true, skip_final_snapshot: false },
  },
  { rule: "SPK-PROD-BACKUPS", type: "aws_db_instance", bad: { backup_retention_period: 0 }, good: { backup_retention_period: 7 } },
  {
    rule: "SPK-PROD-BACKUPS",
    type: "aws_elasticache_replication_group",
    bad: { snapshot_retention_limit: 0 },
    good: { snapshot_retention_limit: 3 },
  },
  { rule: "SPK-PIN-CHART", type: "helm_release", bad: { chart: "x", version: "^1.2.0" }, good: { chart: "x", version: "1.2.3" } },
  { rule: "SPK-PIN-ENGINE", type: "aws_db_instance", bad: { engine_version: "17" }, good: { engine_version: "17.5" } },
  {
    rule: "SPK-PIN-ENGINE",
    type: "aws_db_instance",
    bad: { engine_version: "17.5", auto_minor_version_upgrade: true },
    good: { engine_version: "17", auto_minor_version_upgrade: true },
  },
  {
    rule: "SPK-PIN-ENGINE",
    type: "aws_eks_addon",
    bad: { addon_name: "coredns" },
    good: { addon_name: "coredns", addon_version: "v1.11.4-eksbuild.2" },
  },
  {
    rule: "SPK-PIN-ENGINE",
    type: "aws_opensearch_domain",
    bad: { engine_version: "OpenSearch_2" },
    good: { engine_version: "OpenSearch_2.19" },
  },
  {
    rule: "SPK-NAME-LIMITS",
    type: "aws_db_instance",
    bad: { identifier: `sparki-${"x".repeat(60)}` },
    good: { identifier: "sparki-prod-postgres" },
  },
  {
    rule: "SPK-NAME-LIMITS",
    type: "aws_elasticache_replication_group",
    bad: { replication_group_id: "sparki-production-europe-west-cache-group" },
    good: { replication_group_id: "sparki-prod-cache" },
  },
  {
    rule: "SPK-NAME-LIMITS",
    type: "aws_iam_role",
    bad: { name_prefix: "sparki-production-karpenter-controller-" },
    good: { name_prefix: "sparki-prod-karpenter-" },
  },
  {
    rule: "SPK-NAME-LIMITS",
    type: "aws_eks_node_group",
    bad: { node_group_name: `ng-${"a".repeat(61)}` },
    good: { node_group_name: "sparki-prod-system" },
  },
  { rule: "SPK-NAME-LIMITS", type: "aws_s3_bucket", bad: { bucket: "Sparki_State" }, good: { bucket: "sparki-state" } },
  { rule: "SPK-NAME-LIMITS", type: "aws_kms_alias", bad: { name: "alias/aws/sparki" }, good: { name: "alias/sparki-prod-logs" } },
];

describe("policy baseline", () => {
  it.each(CASES.map((c) => [c.rule, c.type, c] as const))("%s: a violating %s fails and a compliant one passes", (rule, type, c) => {
    expect(rulesHit(judge(type, c.bad))).toContain(rule);
    expect(rulesHit(judge(type, c.good, { extras: c.extras }))).not.toContain(rule);
  });

  it("covers every rule with a case", () => {
    const covered = new Set([...CASES.map((c) => c.rule), "SPK-PIN-PROVIDER"]);
    expect(BASELINE_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("flags a provider that is not pinned to an exact version", () => {
    const stack = new TerraformStack(testApp(), "unpinned");
    stack.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: "~> 5.0" } });
    const check = new PolicyCheck();
    check.attach(stack, "production");
    const { findings } = check.evaluate(() => JSON.parse(Testing.synth(stack)));
    expect(findings).toEqual([expect.objectContaining({ rule: "SPK-PIN-PROVIDER", address: "(stack)" })]);
  });

  it("applies production-only rules as errors in production and as warnings elsewhere", () => {
    const inProduction = judge("aws_db_instance", { deletion_protection: false, storage_encrypted: true }, { tier: "production" });
    const inDevelopment = judge("aws_db_instance", { deletion_protection: false, storage_encrypted: true }, { tier: "development" });
    expect(inProduction.findings.find((f) => f.rule === "SPK-PROD-DELETION-PROTECTION")?.severity).toBe("error");
    expect(inDevelopment.findings.find((f) => f.rule === "SPK-PROD-DELETION-PROTECTION")?.severity).toBe("warning");
  });

  it("honours a suppression next to the resource and reports it with its reason", () => {
    const reason = "Restored snapshot copy used for a one-off data export";
    const result = judge("aws_db_instance", { storage_encrypted: false }, { suppress: ["SPK-ENC-RDS", reason] });
    expect(rulesHit(result)).not.toContain("SPK-ENC-RDS");
    expect(result.suppressions).toEqual([{ rule: "SPK-ENC-RDS", stack: "policy-test", address: "aws_db_instance.subject", reason }]);
  });

  it("refuses a suppression without a real reason", () => {
    const stack = new TerraformStack(testApp(), "s");
    expect(() => suppressPolicy(stack, "SPK-ENC-RDS", "ok")).toThrow(/reason/);
  });

  it("passes the whole synthesis of every environment", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "sparki-policy-")), "out");
    const result = synthesize({ environmentsDir: "environments", outdir });
    expect(result.stacks.length).toBeGreaterThan(0);
    expect(result.warnings.every((w) => w.severity === "warning")).toBe(true);
  });

  it("explains each violation with stack, address, rule, checkov id and the way out", () => {
    const { findings } = judge("aws_db_instance", { storage_encrypted: false, publicly_accessible: true });
    const message = new PolicyError(findings).message;
    expect(findings.length).toBeGreaterThanOrEqual(2);
    expect(message).toMatch(new RegExp(`^Policy check failed: ${findings.length} violations\\. Nothing was synthesized\\.`));
    expect(message).toContain("policy-test  aws_db_instance.subject");
    expect(message).toMatch(/allowed: SPK-NET-PUBLIC-DB \(CKV_AWS_17\): \S.*\n {2}fix: .*suppressPolicy\(construct, "SPK-NET-PUBLIC-DB"/);
  });
});
