/**
 * checkov, run by CI on every plan, and this policy pack must never disagree: checkov's skip list
 * is derived here, per environment, from the pack's tier rules (a rule that only warns in a tier
 * is skipped in checkov there too), the pack's suppressions, and the few checkov checks the pack
 * deliberately waives, each with its reason.
 */
import { BASELINE_RULES } from "./rules";
import type { AppliedSuppression, PolicyRule, Tier } from "./types";

/**
 * checkov's own title of every check this file or the pack names, from checkov's source
 * (github.com/bridgecrewio/checkov, `checkov/terraform/checks/`, commit 03d5fdad8d61, 2026-08-20).
 * Tests hold the pack's mappings against these titles.
 */
export const CHECKOV_TITLES: Readonly<Record<string, string>> = {
  CKV2_AWS_28: "Ensure public facing ALB are protected by WAF",
  CKV2_AWS_57: "Ensure Secrets Manager secrets should have automatic rotation enabled",
  CKV2_AWS_62: "Ensure S3 buckets should have event notifications enabled",
  CKV2_AWS_69: "Ensure AWS RDS database instance configured with encryption in transit",
  CKV_AWS_3: "Ensure all data stored in the EBS is securely encrypted",
  CKV_AWS_5: "Ensure all data stored in the Elasticsearch is securely encrypted at rest",
  CKV_AWS_7: "Ensure rotation for customer created CMKs is enabled",
  CKV_AWS_16: "Ensure all data stored in the RDS is securely encrypted at rest",
  CKV_AWS_17: "Ensure all data stored in RDS is not publicly accessible",
  CKV_AWS_24: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 22",
  CKV_AWS_25: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 3389",
  CKV_AWS_26: "Ensure all data stored in the SNS topic is encrypted",
  CKV_AWS_27: "Ensure all data stored in the SQS queue is encrypted",
  CKV_AWS_29: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at rest",
  CKV_AWS_30: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit",
  CKV_AWS_31: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit and has auth token",
  CKV_AWS_33: "Ensure KMS key policy does not contain wildcard (*) principal",
  CKV_AWS_37: "Ensure Amazon EKS control plane logging is enabled for all log types",
  CKV_AWS_38: "Ensure Amazon EKS public endpoint not accessible to 0.0.0.0/0",
  CKV_AWS_39: "Ensure Amazon EKS public endpoint disabled",
  CKV_AWS_58: "Ensure EKS Cluster has Secrets Encryption Enabled",
  CKV_AWS_62: 'Ensure IAM policies that allow full "*-*" administrative privileges are not created',
  CKV_AWS_79: "Ensure Instance Metadata Service Version 1 is not enabled",
  CKV_AWS_91: "Ensure the ELBv2 (Application/Network) has access logging enabled",
  CKV_AWS_103: "Ensure that load balancer is using at least TLS 1.2",
  CKV_AWS_130: "Ensure VPC subnets do not assign public IP by default",
  CKV_AWS_131: "Ensure that ALB drops HTTP headers",
  CKV_AWS_133: "Ensure that RDS instances has backup policy",
  CKV_AWS_136: "Ensure that ECR repositories are encrypted using KMS",
  CKV_AWS_144: "Ensure that S3 bucket has cross-region replication enabled",
  CKV_AWS_145: "Ensure that S3 buckets are encrypted with KMS by default",
  CKV_AWS_149: "Ensure that Secrets Manager secret is encrypted using KMS CMK",
  CKV_AWS_158: "Ensure that CloudWatch Log Group is encrypted by KMS",
  CKV_AWS_166: "Ensure Backup Vault is encrypted at rest using KMS CMK",
  CKV_AWS_226: "Ensure DB instance gets all minor upgrades automatically",
  CKV_AWS_260: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 80",
  CKV_AWS_277: "Ensure no security groups allow ingress from 0.0.0.0:0 to port -1",
  CKV_AWS_293: "Ensure that AWS database instances have deletion protection enabled",
  CKV_AWS_338: "Ensure CloudWatch log groups retains logs for at least 1 year",
};

export interface CheckovSkip {
  readonly id: string;
  readonly reason: string;
}

/** checkov checks the pack waives everywhere: each asks for something this platform decided against. */
export const CHECKOV_WAIVERS: readonly CheckovSkip[] = [
  { id: "CKV_AWS_338", reason: "environments choose log retention in their file (dev 14 days); SPK-LOG-RETENTION requires one to be set" },
  {
    id: "CKV_AWS_144",
    reason: "state is versioned and recoverable; cross-region replication of state is not worth a second set of keys and buckets",
  },
  { id: "CKV2_AWS_62", reason: "nothing consumes state-bucket events" },
  {
    id: "CKV_AWS_226",
    reason: "engine versions are pinned in the environment files and upgraded by reviewed changes (SPK-PIN-ENGINE), not by AWS",
  },
  { id: "CKV_AWS_31", reason: "the cache uses RBAC users with IAM authentication, so no shared AUTH password exists in state" },
  {
    id: "CKV2_AWS_57",
    reason: "the application secrets are third-party credentials rotated at their issuer; RDS rotates its own master secret",
  },
  {
    id: "CKV_AWS_260",
    reason:
      "port 80 is open to everyone on the public load balancer only (to redirect to HTTPS); SPK-NET-OPEN-INGRESS forbids it elsewhere",
  },
];

export function checkovIds(rule: Pick<PolicyRule, "checkov">): string[] {
  return rule.checkov === undefined ? [] : [rule.checkov].flat();
}

/**
 * Every checkov check to skip for plans of an environment of `tier`: the waivers, the checks of
 * rules the pack does not enforce as errors in that tier, and the checks of rules suppressed on a
 * resource of the environment (checkov cannot skip per resource in plan JSON, so the check is
 * skipped for the environment and the suppression's reason is kept). Sorted by id, one entry each.
 */
export function checkovSkips(
  tier: Tier,
  suppressions: readonly AppliedSuppression[] = [],
  rules: readonly PolicyRule[] = BASELINE_RULES,
): CheckovSkip[] {
  const skips = new Map<string, string>(CHECKOV_WAIVERS.map((w) => [w.id, w.reason]));
  for (const rule of rules) {
    const severity = rule.severity?.(tier) ?? "error";
    if (severity === "error") continue;
    for (const id of checkovIds(rule))
      if (!skips.has(id)) skips.set(id, `${rule.id} is ${severity === "off" ? "off" : "a warning"} in the ${tier} tier`);
  }
  for (const s of suppressions) {
    const rule = rules.find((r) => r.id === s.rule);
    for (const id of rule ? checkovIds(rule) : []) if (!skips.has(id)) skips.set(id, `${s.rule} suppressed on ${s.address}: ${s.reason}`);
  }
  return [...skips].map(([id, reason]) => ({ id, reason })).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
}
