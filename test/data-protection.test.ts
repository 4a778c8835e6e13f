import { describe, expect, it } from "vitest";
import { CoreStack } from "../stacks/core-stack";
import { evaluate } from "./helpers/iam-eval";
import { bodies, environment, policyOf, synthJson, testApp } from "./helpers/synth";

const keysOf = (name: string) => {
  const json = synthJson(new CoreStack(testApp(), environment(name)));
  return Object.fromEntries(bodies(json, "aws_kms_key").map((k) => [(k.tags as Record<string, string>).Name, k]));
};

describe("data keys survive a compromised or careless administrator", () => {
  const prod = keysOf("prod");
  const applyRole = { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/sparki-prod-ci-apply" };
  const breakGlass = { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/break-glass" };

  it("lets only the break-glass role delete, disable or re-policy the database, backup-copy, cache and secrets keys", () => {
    for (const alias of ["sparki-prod-database", "sparki-prod-database-copy", "sparki-prod-cache", "sparki-prod-secrets"]) {
      const statements = policyOf(prod[alias]).Statement;
      for (const action of ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"]) {
        expect(evaluate(statements, action, "*", applyRole), `${action} on ${alias} by the apply role`).toBe("denied");
        expect(evaluate(statements, action, "*", { "aws:PrincipalArn": "arn:aws:iam::333333333333:root" }), `${action} by root`).toBe(
          "denied",
        );
        expect(evaluate(statements, action, "*", breakGlass), `${action} on ${alias} by break-glass`).toBe("allowed");
      }
      expect(evaluate(statements, "kms:Decrypt", "*", applyRole)).toBe("allowed");
      // KMS would otherwise refuse a policy that denies PutKeyPolicy to the role creating the key.
      expect(prod[alias].bypass_policy_lockout_safety_check).toBe(true);
    }
  });

  it("leaves the keys of an unprotected environment deletable, so it can be torn down", () => {
    for (const key of Object.values(keysOf("dev"))) {
      expect(
        evaluate(policyOf(key).Statement, "kms:ScheduleKeyDeletion", "*", {
          "aws:PrincipalArn": "arn:aws:iam::111111111111:role/sparki-dev-ci-apply",
        }),
      ).toBe("allowed");
      expect(key.bypass_policy_lockout_safety_check).toBeUndefined();
    }
  });
});

describe("teardown and rebuild of an unprotected environment", () => {
  it("deletes dev's secrets at once, so a rebuild can reuse their names; protected secrets keep 30 days", () => {
    const windows = (name: string) =>
      bodies(synthJson(new CoreStack(testApp(), environment(name))), "aws_secretsmanager_secret")
        .filter((s) => !String(s.name).includes("rds"))
        .map((s) => s.recovery_window_in_days);
    expect(new Set(windows("dev"))).toEqual(new Set([0]));
    expect(new Set(windows("prod"))).toEqual(new Set([30]));
  });
});

describe("service principals act only for this account", () => {
  it("lets CloudWatch and EventBridge use the alarm key only for alarms and rules of this account", () => {
    const json = synthJson(new CoreStack(testApp(), environment("prod")));
    const key = bodies(json, "aws_kms_key").find((k) => (k.tags as Record<string, string>).Name === "sparki-prod-alarms")!;
    const services = policyOf(key).Statement.filter((s) => s.Principal?.Service);
    expect(services.map((s) => s.Principal.Service).sort()).toEqual(["cloudwatch.amazonaws.com", "events.amazonaws.com"]);
    for (const s of services) {
      expect(s.Condition.StringEquals).toEqual({ "aws:SourceAccount": "333333333333" });
      expect(s.Condition.ArnLike["aws:SourceArn"]).toMatch(/^arn:aws:(cloudwatch|events):us-east-1:333333333333:(alarm|rule)\/?:?\*$/);
    }
  });
});
