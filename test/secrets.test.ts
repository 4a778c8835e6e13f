import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { ApplicationSecret } from "../src/constructs/secrets/application-secret";
import { APPLICATION_SECRETS } from "../src/constructs/secrets/application-secrets";
import { OBSERVABILITY_SECRETS } from "../src/constructs/observability/observability-secrets";
import { EncryptionKey } from "../src/constructs/secrets/encryption-key";
import { BootstrapStack } from "../stacks/bootstrap-stack";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { evaluate } from "./helpers/iam-eval";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

/** Each environment's core stack, synthesized once for this file; every call parses a fresh copy. */
const coreText = new Map<string, string>();
const core = (name: string): TerraformJson => {
  if (!coreText.has(name)) coreText.set(name, Testing.synth(new CoreStack(testApp(), environment(name))));
  return JSON.parse(coreText.get(name)!) as TerraformJson;
};
const ref = (type: string, name: string, attribute = "arn") => `\${${type}.${name}.${attribute}}`;

/** Logical name of the KMS key behind an alias such as `alias/sparki-prod-secrets`. */
function keyNamed(json: TerraformJson, alias: string): string {
  const [target] = bodies(json, "aws_kms_alias").filter((a) => a.name === alias);
  expect(target, `alias ${alias}`).toBeDefined();
  return String(target.target_key_id).replace(/^\$\{aws_kms_key\.([^.]+)\.key_id\}$/, "$1");
}

/** Every attribute in a resource tree, as [key, value] pairs (nested blocks included). */
function attributes(value: unknown, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) for (const v of value) attributes(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push([k, v]);
      attributes(v, out);
    }
  }
  return out;
}

describe("Keys and secrets", () => {
  it("creates one rotating customer-managed key per purpose, with an alias", () => {
    const json = core("prod");
    for (const purpose of ["logs", "database", "cache", "secrets", "cluster-secrets", "alarms", "database-copy"]) {
      const [, key] = resourcesOf(json, "aws_kms_key").find(([name]) => name === keyNamed(json, `alias/sparki-prod-${purpose}`))!;
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
    }
  });

  it("grants kms:* only to the account root, and names each service that needs the key", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      for (const key of bodies(json, "aws_kms_key")) {
        for (const statement of policyOf(key).Statement) {
          if ([statement.Action].flat().includes("kms:*")) {
            expect(statement.Principal).toEqual({ AWS: `arn:aws:iam::${environment(name).account.id}:root` });
          }
          // A wildcard principal appears only in deny statements (the break-glass guard).
          if (statement.Effect === "Allow") {
            expect(statement.Principal).not.toBe("*");
            expect(statement.Principal.AWS).not.toBe("*");
          }
        }
      }
      const logsKey = bodies(json, "aws_kms_key").find((k) => k.description === `Encrypts CloudWatch log groups of sparki-${name}`)!;
      expect(policyOf(logsKey).Statement.map((s) => s.Principal)).toContainEqual({ Service: "logs.us-east-1.amazonaws.com" });
    }
  });

  it("keeps the existing logs key at its address", () => {
    expect(resourcesOf(core("prod"), "aws_kms_key").map(([n]) => n)).toContain("logs-key_44F95A88");
  });

  it("creates each application secret empty, encrypted with the secrets key, with a recovery window", () => {
    const json = core("staging");
    const secretsKey = keyNamed(json, "alias/sparki-staging-secrets");
    const secrets = bodies(json, "aws_secretsmanager_secret");
    expect(secrets.map((s) => s.name).sort()).toEqual(
      [...APPLICATION_SECRETS, ...OBSERVABILITY_SECRETS].map((s) => `sparki-staging/${s.id}`).sort(),
    );
    expect(secrets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["sparki-staging/sentry-dsn", "sparki-staging/session-signing-key", "sparki-staging/github-app-private-key"]),
    );
    for (const secret of secrets) {
      expect(secret.kms_key_id).toBe(ref("aws_kms_key", secretsKey));
      expect(secret.recovery_window_in_days).toBe(30);
      expect(secret.description).toBeTruthy();
    }
    expect(resourcesOf(json, "aws_secretsmanager_secret_version")).toHaveLength(0);
  });

  it("admits only the workload roles and administrators to each secret's value, never locking Terraform out", () => {
    const role = (name: string) => `arn:aws:iam::333333333333:role/${name}`;
    const json = core("prod");
    const secrets = resourcesOf(json, "aws_secretsmanager_secret");
    const policies = bodies(json, "aws_secretsmanager_secret_policy");
    // Every secret has a policy: the application's and the observability stack's.
    expect(policies.map((p) => p.secret_arn).sort()).toEqual(secrets.map(([name]) => ref("aws_secretsmanager_secret", name)).sort());
    const appPolicies = policies.filter((p) => String(p.secret_arn).includes("app-secrets_"));
    expect(appPolicies).toHaveLength(APPLICATION_SECRETS.length);
    const statements = policyOf(appPolicies[0]).Statement;
    expect(policies[0].block_public_policy).toBe(true);
    const decide = (action: string, principal: string) =>
      evaluate([...statements, { Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }], action, "*", {
        "aws:PrincipalArn": principal,
      });
    // Readers: External Secrets, engine, web; administrators: the apply role and the break-glass role.
    for (const reader of ["sparki-prod-external-secrets", "sparki-prod-engine", "sparki-prod-web"]) {
      expect(decide("secretsmanager:GetSecretValue", role(reader))).toBe("allowed");
      expect(decide("secretsmanager:PutSecretValue", role(reader))).toBe("denied");
    }
    for (const admin of ["sparki-prod-ci-apply", "break-glass"]) {
      expect(decide("secretsmanager:GetSecretValue", role(admin))).toBe("allowed");
      expect(decide("secretsmanager:PutSecretValue", role(admin))).toBe("allowed");
      expect(decide("secretsmanager:UpdateSecret", role(admin))).toBe("allowed");
    }
    // Anyone else, even with secretsmanager:* (the plan role, another workload, the root user): no value.
    for (const other of ["sparki-prod-ci-plan", "sparki-prod-karpenter", "sparki-staging-external-secrets"]) {
      expect(decide("secretsmanager:GetSecretValue", role(other))).toBe("denied");
      expect(decide("secretsmanager:UpdateSecretVersionStage", role(other))).toBe("denied");
    }
    expect(decide("secretsmanager:GetSecretValue", "arn:aws:iam::333333333333:root")).toBe("denied");
    // Grafana's and Alertmanager's secrets: only External Secrets reads them, not the workloads.
    const observability = policyOf(policies.find((p) => String(p.secret_arn).includes("observability-secrets_"))!).Statement;
    const decideObservability = (action: string, principal: string) =>
      evaluate([...observability, { Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }], action, "*", {
        "aws:PrincipalArn": principal,
      });
    expect(decideObservability("secretsmanager:GetSecretValue", role("sparki-prod-external-secrets"))).toBe("allowed");
    expect(decideObservability("secretsmanager:GetSecretValue", role("sparki-prod-engine"))).toBe("denied");
    // Terraform's own management actions are never denied, so a wrong role name cannot lock it out.
    for (const action of [
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:PutResourcePolicy",
      "secretsmanager:DeleteResourcePolicy",
      "secretsmanager:DeleteSecret",
      "secretsmanager:TagResource",
    ]) {
      expect(decide(action, role("someone-else"))).toBe("allowed");
    }
  });

  it("names the workload roles exactly as the cluster stack creates them, and the apply role as bootstrap does", () => {
    const statements = policyOf(bodies(core("dev"), "aws_secretsmanager_secret_policy")[0]).Statement;
    const readers: string[] = statements.find((st) => st.Sid === "ReadOnlyByWorkloadsAndAdministrators")!.Condition.ArnNotEquals[
      "aws:PrincipalArn"
    ];
    const app = testApp();
    const coreStack = new CoreStack(app, environment("dev"));
    const clusterStack = new ClusterStack(app, environment("dev"), coreStack);
    for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
    const clusterJson = synthJson(clusterStack);
    const clusterRoles = bodies(clusterJson, "aws_iam_role").map((r) => `arn:aws:iam::111111111111:role/${r.name}`);
    for (const identity of ["external-secrets", "engine", "web"]) {
      const arn = `arn:aws:iam::111111111111:role/sparki-dev-${identity}`;
      expect(readers).toContain(arn);
      expect(clusterRoles).toContain(arn);
    }
    const bootstrapRoles = bodies(
      synthJson(
        new BootstrapStack(testApp(), {
          accountId: "111111111111",
          region: "us-east-1",
          environments: [{ name: "dev", githubRepository: "example-org/sparki-platform" }],
        }),
      ),
      "aws_iam_role",
    ).map((r) => `arn:aws:iam::111111111111:role/${r.name}`);
    expect(bootstrapRoles).toContain(readers.find((r) => r.endsWith("-ci-apply")));
  });

  it("grantRead lets one role read one secret, decrypting only through Secrets Manager", () => {
    const stack = new TerraformStack(testApp(), "test");
    const key = new EncryptionKey(stack, "key", { alias: "test-secrets", description: "test", accountId: "123456789012" });
    const secret = new ApplicationSecret(stack, "dsn", { name: "test/sentry-dsn", description: "test", region: "eu-west-1", key });
    secret.grantRead("engine");
    const json = synthJson(stack);
    const [policy] = bodies(json, "aws_iam_role_policy");
    expect(policy.role).toBe("engine");
    const [read, decrypt] = policyOf(policy).Statement;
    const [secretName] = resourcesOf(json, "aws_secretsmanager_secret")[0];
    const [keyName] = resourcesOf(json, "aws_kms_key")[0];
    expect(read).toMatchObject({
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: ref("aws_secretsmanager_secret", secretName),
    });
    expect(decrypt).toMatchObject({
      Action: "kms:Decrypt",
      Resource: ref("aws_kms_key", keyName),
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
    });
  });

  it("grantRead refuses a role name only known at apply without an explicit id", () => {
    const stack = new TerraformStack(testApp(), "test");
    const key = new EncryptionKey(stack, "key", { alias: "test-secrets", description: "test", accountId: "123456789012" });
    const secret = new ApplicationSecret(stack, "dsn", { name: "test/dsn", description: "test", region: "eu-west-1", key });
    const other = new ApplicationSecret(stack, "other", { name: "test/other", description: "test", region: "eu-west-1", key });
    expect(() => secret.grantRead(other.name)).not.toThrow();
    expect(() => secret.grantRead(other.arn)).toThrow(/explicit id/);
  });

  it("protects keys and secrets from destroy exactly when deletionProtection is on", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      const expected = environment(name).deletionProtection;
      for (const type of ["aws_kms_key", "aws_secretsmanager_secret"]) {
        for (const body of bodies(json, type)) expect((body.lifecycle as { prevent_destroy: boolean }).prevent_destroy).toBe(expected);
      }
    }
  });

  it("pins the addresses of keys and secrets", () => {
    const json = core("prod");
    expect(
      resourcesOf(json, "aws_kms_key")
        .map(([n]) => n)
        .sort(),
    ).toEqual([
      "alarm-topic_key_45AB7E5A",
      "cache-key_F293B886",
      "cluster-secrets-key_FFC5DC40",
      "database-copy-key_72370723",
      "database-key_C4D88439",
      "logs-key_44F95A88",
      "logs-search-key_A32A015B",
      "secrets-key_83928A38",
    ]);
    expect(
      resourcesOf(json, "aws_secretsmanager_secret")
        .map(([n]) => n)
        .sort(),
    ).toEqual([
      "app-secrets_github-app-private-key_secret_8DD2AB2B",
      "app-secrets_github-oauth-client-secret_BC32556E",
      "app-secrets_github-webhook-secret_EA7E781A",
      "app-secrets_sentry-dsn_secret_BC8829C4",
      "app-secrets_session-signing-key_secret_2F6471D9",
      "observability-secrets_alertmanager-pagerduty-routing-key_secret_174EAFCC",
      "observability-secrets_alertmanager-slack-webhook-url_secret_31ED14CB",
      "observability-secrets_grafana-admin-password_secret_9C082CA2",
    ]);
  });

  it("encrypts the alarm topic with a key CloudWatch may use, and lets only this account's alarms publish", () => {
    const json = core("prod");
    const [topic] = bodies(json, "aws_sns_topic");
    expect(topic.kms_master_key_id).toBe(ref("aws_kms_key", keyNamed(json, "alias/sparki-prod-alarms")));
    const [topicKey] = resourcesOf(json, "aws_kms_key").filter(([n]) => n === keyNamed(json, "alias/sparki-prod-alarms"));
    expect(policyOf(topicKey[1]).Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"] }),
    );
    const [publish] = policyOf(bodies(json, "aws_sns_topic_policy")[0]).Statement;
    expect(publish.Condition.StringEquals["aws:SourceAccount"]).toBe("333333333333");
  });

  it("notifies the configured subscribers of the alarm topic, and nobody where none are configured", () => {
    const prod = core("prod");
    const [topicName] = resourcesOf(prod, "aws_sns_topic").map(([n]) => n);
    expect(bodies(prod, "aws_sns_topic_subscription")).toEqual(
      environment("prod").observability.alarmSubscriptions.map((s) =>
        expect.objectContaining({ protocol: s.protocol, endpoint: s.endpoint, topic_arn: `\${aws_sns_topic.${topicName}.arn}` }),
      ),
    );
    expect(environment("prod").observability.alarmSubscriptions.length).toBeGreaterThan(0);
    expect(bodies(core("dev"), "aws_sns_topic_subscription")).toEqual([]);
  });

  it("puts no password, token or secret value in any environment's synthesized JSON", () => {
    const forbidden = /^(password|passwords|master_password|auth_token|secret_string|secret_binary|secret_string_wo|password_wo)$/;
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      for (const [key, value] of attributes(json.resource)) {
        expect(forbidden.test(key) ? `${key}=${JSON.stringify(value)}` : key).toBe(key);
      }
      expect(resourcesOf(json, "aws_secretsmanager_secret_version")).toHaveLength(0);
      expect(JSON.stringify(json)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
      const [primary] = bodies(json, "aws_db_instance");
      expect(primary.manage_master_user_password).toBe(true);
    }
  });
});
