/**
 * Plan JSON as different Terraform releases write it, derived from the real fixtures where a real
 * plan cannot be produced offline (older formats, deferred changes, values unknown until apply).
 */
import { describe, expect, it } from "vitest";
import { GateInputError } from "../../src/gate/errors";
import { parsePlan } from "../../src/gate/plan";
import { blockingOf, judge, rawPlan } from "./plans";

function inputErrorOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(GateInputError);
    return (error as GateInputError).problems;
  }
  throw new Error("expected an input error");
}

describe("plan formats", () => {
  it("accepts every 0.x and 1.x format, defaulting fields older releases did not write", () => {
    for (const version of ["0.1", "0.2", "1.0", "1.1", "1.2", "1.9"]) {
      const plan = rawPlan("replace");
      plan.format_version = version;
      // Before format 1.2 there was no applyable/complete/errored.
      if (version < "1.2") for (const key of ["applyable", "complete", "errored", "timestamp"]) delete plan[key];
      const result = judge(plan);
      expect(result.formatVersion).toBe(version);
      expect(blockingOf(result), version).toEqual(["stateful-replace aws_db_instance.main", "stateful-replace aws_s3_bucket.assets"]);
    }
  });

  it("rejects an unknown format major, naming the field and the value", () => {
    const plan = rawPlan("create");
    plan.format_version = "2.0";
    const problems = inputErrorOf(() => judge(plan));
    expect(problems[0]).toMatchObject({ path: "format_version", value: "2.0" });
  });

  it("rejects state JSON, a saved binary plan and text that is not JSON", () => {
    expect(
      inputErrorOf(() => parsePlan(JSON.stringify({ format_version: "1.0", terraform_version: "1.11.4", values: {} }), "state.json"))[0]!
        .message,
    ).toMatch(/state/);
    expect(inputErrorOf(() => parsePlan("PK\u0003\u0004binary", "plan.bin"))[0]).toMatchObject({ file: "plan.bin" });
    expect(inputErrorOf(() => parsePlan("Terraform will perform the following actions", "plan.txt"))[0]).toMatchObject({
      file: "plan.txt",
    });
  });

  it("rejects an action list it does not know instead of guessing", () => {
    const plan = rawPlan("update");
    plan.resource_changes[0].change.actions = ["transmogrify"];
    expect(inputErrorOf(() => judge(plan))[0]).toMatchObject({ path: "resource_changes[0].change.actions", value: ["transmogrify"] });
  });

  it("refuses an incomplete plan (deferred changes, Terraform 1.8+) as an input error, not a pass", () => {
    const plan = rawPlan("create");
    const index = plan.resource_changes.findIndex((rc: { address: string }) => rc.address === "module.store.aws_s3_bucket.this");
    const [bucket] = plan.resource_changes.splice(index, 1);
    plan.deferred_changes = [{ reason: "provider_config_unknown", resource_change: bucket }];
    plan.complete = false;
    expect(inputErrorOf(() => judge(plan))).toEqual([expect.objectContaining({ path: "complete", value: false })]);
  });

  it("refuses a file holding only a format version, and a plan missing what Terraform always writes", () => {
    const problems = inputErrorOf(() => parsePlan(JSON.stringify({ format_version: "1.2" }), "short.json"));
    expect(problems.map((p) => p.path).sort()).toEqual([
      "applyable",
      "complete",
      "configuration",
      "errored",
      "planned_values",
      "terraform_version",
    ]);
    const plan = rawPlan("no-op");
    delete plan.configuration;
    expect(inputErrorOf(() => judge(plan)).map((p) => p.path)).toEqual(["configuration"]);
    const text = JSON.stringify(rawPlan("replace"));
    expect(inputErrorOf(() => parsePlan(text.slice(0, text.length / 2), "truncated.json"))[0]!.message).toMatch(/not JSON/);
  });

  it("blocks a protection whose new value is unknown until apply", () => {
    const plan = rawPlan("update");
    const db = plan.resource_changes.find((rc: { address: string }) => rc.address === "aws_db_instance.main");
    delete db.change.after.deletion_protection;
    db.change.after_unknown.deletion_protection = true;
    const result = judge(plan);
    expect(blockingOf(result)).toEqual(["protection-off aws_db_instance.main"]);
    expect(result.blocking[0]!.protections).toMatchObject([{ protection: { attribute: "deletion_protection" }, unknown: true }]);
  });

  it("ignores data sources, whatever their actions", () => {
    const plan = rawPlan("create");
    const read = plan.resource_changes.find((rc: { mode: string }) => rc.mode === "data");
    plan.resource_changes.push({
      ...read,
      address: "data.aws_s3_bucket.old",
      type: "aws_s3_bucket",
      name: "old",
      change: { ...read.change, actions: ["delete"] },
    });
    expect(judge(plan).passed).toBe(true);
  });

  it("judges the same resource type the same way whatever its module or name says about environments", () => {
    const plan = rawPlan("delete");
    const bucket = plan.resource_changes.find((rc: { address: string }) => rc.address === "aws_s3_bucket.assets");
    for (const address of ["module.dev.aws_s3_bucket.scratch", "module.prod.aws_s3_bucket.scratch"]) {
      plan.resource_changes.push({ ...bucket, address, module_address: address.split(".").slice(0, 2).join("."), name: "scratch" });
    }
    expect(blockingOf(judge(plan))).toEqual(
      expect.arrayContaining(["stateful-delete module.dev.aws_s3_bucket.scratch", "stateful-delete module.prod.aws_s3_bucket.scratch"]),
    );
  });
});
