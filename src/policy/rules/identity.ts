/** IAM and key policies: no wildcard administration. People's sign-in: no self sign-up, no guests, MFA. */
import { block, isTrue } from "../../terraform/json-values";
import type { PolicyRule } from "../types";

type Statement = {
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
};

function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== "string") return [];
  try {
    const parsed = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    return [parsed.Statement ?? []].flat();
  } catch {
    return []; // an unresolved reference, not a literal document
  }
}

const list = (value: unknown) => [value ?? []].flat().map(String);
const POLICY_ATTRIBUTES: Record<string, string> = {
  aws_iam_policy: "policy",
  aws_iam_role_policy: "policy",
  aws_iam_user_policy: "policy",
  aws_iam_group_policy: "policy",
};

export const identityRules: PolicyRule[] = [
  {
    id: "SPK-IAM-ADMIN",
    checkov: "CKV_AWS_62",
    description: "No IAM statement allows every action on every resource",
    types: Object.keys(POLICY_ATTRIBUTES),
    check: (r) => {
      const admin = statementsOf(r.attributes[POLICY_ATTRIBUTES[r.type]]).find(
        (s) =>
          s.Effect === "Allow" &&
          (list(s.Action).some((a) => a === "*" || a === "*:*") || s.NotAction !== undefined) &&
          list(s.Resource).includes("*"),
      );
      return admin ? "a statement allows Action * (or NotAction) on Resource *" : undefined;
    },
  },
  {
    id: "SPK-KMS-PUBLIC",
    checkov: "CKV_AWS_33",
    description: "No KMS key policy grants a wildcard principal without a condition",
    types: ["aws_kms_key"],
    check: (r) => {
      const open = statementsOf(r.attributes.policy).find((s) => {
        const principals = typeof s.Principal === "string" ? [s.Principal] : list((s.Principal as { AWS?: unknown })?.AWS);
        return s.Effect === "Allow" && principals.includes("*") && s.Condition === undefined;
      });
      return open ? "a statement allows Principal * with no condition" : undefined;
    },
  },
  {
    id: "SPK-IDP-SIGN-IN",
    // No checkov mapping: no checkov check id for these was confirmed when the rule was written.
    description: "People sign in only as users an administrator created, with MFA; identity pools admit no guests",
    types: ["aws_cognito_user_pool", "aws_cognito_identity_pool"],
    check: (r) => {
      if (r.type === "aws_cognito_identity_pool") {
        return isTrue(r.attributes.allow_unauthenticated_identities) ? "allow_unauthenticated_identities is true" : undefined;
      }
      const problems = [
        !isTrue(block(r.attributes.admin_create_user_config)?.allow_admin_create_user_only) &&
          "admin_create_user_config.allow_admin_create_user_only is not true (anyone could sign up)",
        r.attributes.mfa_configuration !== "ON" && "mfa_configuration is not ON",
      ].filter(Boolean);
      return problems.length ? problems.join("; ") : undefined;
    },
  },
];
