import { describe, expect, it } from "vitest";
import { signInDomainPrefixProblem } from "../../src/constructs/logs/sign-in-domain";
import { CoreStack } from "../../stacks/core-stack";
import { bodies, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "../helpers/synth";

type Body = Record<string, any>;
const cache = new Map<string, TerraformJson>();
function core(name: string): TerraformJson {
  if (!cache.has(name)) cache.set(name, synthJson(new CoreStack(testApp(), environment(name))));
  return cache.get(name)!;
}
const one = (json: TerraformJson, type: string): [string, Body] => {
  const found = resourcesOf(json, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Body];
};

describe("Dashboards sign-in through Cognito (core stack)", () => {
  it("the user pool takes only users an administrator creates, requires TOTP MFA and a strong password", () => {
    const [, pool] = one(core("staging"), "aws_cognito_user_pool");
    expect(pool.admin_create_user_config).toEqual({ allow_admin_create_user_only: true });
    expect(pool.mfa_configuration).toBe("ON");
    expect(pool.software_token_mfa_configuration).toEqual({ enabled: true });
    expect(pool.password_policy).toMatchObject({
      minimum_length: 14,
      require_lowercase: true,
      require_uppercase: true,
      require_numbers: true,
      require_symbols: true,
    });
    expect(pool.account_recovery_setting).toEqual({ recovery_mechanism: [{ name: "admin_only", priority: 1 }] });
  });

  it("deletion protection and prevent_destroy of the user pool follow deletionProtection", () => {
    const [, prod] = one(core("prod"), "aws_cognito_user_pool");
    expect(prod.deletion_protection).toBe("ACTIVE");
    expect(prod.lifecycle).toEqual({ prevent_destroy: true });
    const [, dev] = one(core("dev"), "aws_cognito_user_pool");
    expect(dev.deletion_protection).toBe("INACTIVE");
    expect(dev.lifecycle).toEqual({ prevent_destroy: false });
  });

  it("the identity pool admits no unauthenticated identities and leaves its providers to OpenSearch", () => {
    const [, pool] = one(core("prod"), "aws_cognito_identity_pool");
    expect(pool.allow_unauthenticated_identities).toBe(false);
    expect(pool.lifecycle).toEqual({ ignore_changes: ["cognito_identity_providers"] });
  });

  it("the authenticated role trusts only this identity pool's authenticated identities and may only call the domain", () => {
    const json = core("prod");
    const [poolName] = one(json, "aws_cognito_identity_pool");
    const role = bodies(json, "aws_iam_role").find((r) => r.name === "sparki-prod-logs-dashboards-user")!;
    const trust = policyOf(role, "assume_role_policy").Statement;
    expect(trust).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": `\${aws_cognito_identity_pool.${poolName}.id}` },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        },
      },
    ]);
    const policy = bodies(json, "aws_iam_role_policy").find(
      (p) => p.name === "dashboards-http" && String(p.role).includes("authenticated"),
    )!;
    const statements = policyOf(policy).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Resource).toBe("arn:aws:es:us-east-1:333333333333:domain/sparki-prod-logs/*");
    expect(statements[0].Action.every((a: string) => /^es:ESHttp[A-Z][a-z]+$/.test(a))).toBe(true);
    const [, attachment] = one(json, "aws_cognito_identity_pool_roles_attachment");
    expect(attachment.roles).toEqual({ authenticated: expect.stringMatching(/^\$\{aws_iam_role\.[^.]+authenticated-role[^.]*\.arn\}$/) });
  });

  it("the domain's cognito_options name this user pool, identity pool and the OpenSearch Cognito access role", () => {
    const json = core("prod");
    const [userPool] = one(json, "aws_cognito_user_pool");
    const [identityPool] = one(json, "aws_cognito_identity_pool");
    const [, domain] = one(json, "aws_opensearch_domain");
    const accessRole = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-logs-dashboards-cognito")!;
    expect(domain.cognito_options).toEqual({
      enabled: true,
      user_pool_id: `\${aws_cognito_user_pool.${userPool}.id}`,
      identity_pool_id: `\${aws_cognito_identity_pool.${identityPool}.id}`,
      role_arn: `\${aws_iam_role.${accessRole[0]}.arn}`,
    });
    expect(policyOf(accessRole[1], "assume_role_policy").Statement).toEqual([
      { Effect: "Allow", Principal: { Service: ["opensearchservice.amazonaws.com", "es.amazonaws.com"] }, Action: "sts:AssumeRole" },
    ]);
    const attachment = resourcesOf(json, "aws_iam_role_policy_attachment").find(
      ([, a]) => a.policy_arn === "arn:aws:iam::aws:policy/AmazonOpenSearchServiceCognitoAccess",
    )!;
    expect(attachment[1].role).toBe(`\${aws_iam_role.${accessRole[0]}.name}`);
    expect(domain.depends_on).toContain(`aws_iam_role_policy_attachment.${attachment[0]}`);
  });

  it("the sign-in page's prefix domain carries the environment and account, and avoids Cognito's reserved words", () => {
    const [, domain] = one(core("prod"), "aws_cognito_user_pool_domain");
    expect(domain.domain).toBe("sparki-prod-logs-333333333333");
    expect(signInDomainPrefixProblem("sparki-aws-logs-1")?.message).toContain('"aws"');
    expect(signInDomainPrefixProblem("sparki-cognito-logs-1")?.message).toContain('"cognito"');
    expect(signInDomainPrefixProblem("-sparki")).toBeDefined();
    expect(signInDomainPrefixProblem("x".repeat(64))).toBeDefined();
    expect(signInDomainPrefixProblem("sparki-prod-logs-333333333333")).toBeUndefined();
  });
});
