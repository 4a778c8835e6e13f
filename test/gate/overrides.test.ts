/** Allow-list entries: what each lets through, what the file accepts, and that every use is reported. */
import { describe, expect, it } from "vitest";
import { parseAllowList, type AllowList } from "../../src/gate/allow-list";
import { GateInputError } from "../../src/gate/errors";
import { renderMarkdown } from "../../src/gate/report";
import { blockingOf, judge, type JudgeOptions } from "./plans";

/** The day the plan tests judge on (plans.ts). */
const TODAY = new Date("2026-06-15T12:00:00Z");
const allow = (yaml: string): AllowList => parseAllowList(yaml, "gate-allow.yaml", TODAY);
const inProd = (allowList: AllowList, stack = "prod-core"): JudgeOptions => ({ allowList, environment: "prod", stack });

/** Expects parsing to fail and returns the problems. */
function problemsOf(yaml: string) {
  try {
    allow(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(GateInputError);
    return (error as GateInputError).problems;
  }
  throw new Error("expected the allow-list to be rejected");
}

const REASON = "Renaming the master user needs a new instance; final snapshot restored into it (CHG-1)";
const entry = (fields: Record<string, string>) =>
  `allow:\n  - ${Object.entries({
    environment: "prod",
    stack: "prod-core",
    address: "aws_db_instance.main",
    reason: REASON,
    approver: "reviewer-1",
    expires: "2026-06-30",
    ...fields,
  })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join("\n    ")}\n`;
const DB_ENTRY = entry({});

describe("allow-list", () => {
  it("lets exactly the listed resource of the listed stack and environment through, and reports entry and approver", () => {
    const result = judge("replace", inProd(allow(DB_ENTRY)));
    expect(blockingOf(result)).toEqual(["stateful-replace aws_s3_bucket.assets"]);
    expect(result.overridden[0]).toMatchObject({
      finding: { address: "aws_db_instance.main" },
      override: { kind: "allow-list", entry: { index: 1, approver: "reviewer-1" } },
    });
    const overrides = renderMarkdown(result).split("### Allowed overrides")[1]!;
    expect(overrides).toContain("aws_db_instance.main");
    expect(overrides).toContain("approved by @reviewer-1");
    expect(overrides).toContain("CHG-1");
  });

  it("applies to one environment and one stack only", () => {
    expect(blockingOf(judge("replace", { allowList: allow(DB_ENTRY), environment: "staging", stack: "staging-core" }))).toContain(
      "stateful-replace aws_db_instance.main",
    );
    expect(blockingOf(judge("replace", inProd(allow(DB_ENTRY), "prod-cluster")))).toContain("stateful-replace aws_db_instance.main");
    expect(blockingOf(judge("replace", { allowList: allow(DB_ENTRY) }))).toContain("stateful-replace aws_db_instance.main");
  });

  it("does not match a module's resource with the same type and name", () => {
    const result = judge("delete", inProd(allow(DB_ENTRY)));
    expect(blockingOf(result)).toContain("stateful-delete module.legacy.aws_db_instance.main");
    expect(result.unusedEntries.map((e) => e.address)).toEqual(["aws_db_instance.main"]);
  });

  it("suggests the field a misspelt key meant, and the blocked address an unused entry most likely meant", () => {
    expect(problemsOf(entry({ adress: "aws_db_instance.main" }))[0]).toMatchObject({
      path: "allow[0].adress",
      fix: expect.stringMatching(/did you mean 'address'\?/),
    });
    const result = judge("replace", inProd(allow(entry({ address: "aws_db_instance.mian" }))));
    expect(blockingOf(result)).toContain("stateful-replace aws_db_instance.main");
    expect(renderMarkdown(result)).toMatch(/unused in this plan: .*aws_db_instance\.mian.*did you mean `aws_db_instance\.main`/);
  });

  it("never lets an errored plan through", () => {
    expect(judge("errored", inProd(allow(entry({ address: "aws_s3_bucket.assets" })))).passed).toBe(false);
  });

  it("ignores an expired entry and lists it for removal", () => {
    const result = judge("forget", inProd(allow(entry({ address: "aws_s3_bucket.assets", expires: "2026-06-01" }))));
    expect(result.passed).toBe(false);
    expect(renderMarkdown(result)).toMatch(/expired, ignored: #1 .*aws_s3_bucket\.assets/);
  });

  it("refuses a reason without substance, a missing or malformed approver, and an expiry more than 30 days out", () => {
    expect(problemsOf(entry({ reason: "x" }))[0]).toMatchObject({ path: "allow[0].reason" });
    expect(problemsOf(entry({ reason: "Safe.............................." }))[0]).toMatchObject({ path: "allow[0].reason" });
    expect(problemsOf(DB_ENTRY.replace(/\n\s*approver: "reviewer-1"/, ""))[0]).toMatchObject({
      path: "allow[0].approver",
      message: expect.stringMatching(/missing/),
    });
    expect(problemsOf(entry({ approver: "not a login!" }))[0]).toMatchObject({ path: "allow[0].approver" });
    expect(problemsOf(entry({ expires: "9999-12-31" }))[0]).toMatchObject({
      path: "allow[0].expires",
      message: expect.stringMatching(/more than 30 days out \(latest allowed: 2026-07-15\)/),
    });
    expect(allow(entry({ expires: "2026-07-15" })).entries).toHaveLength(1);
    expect(problemsOf(entry({ expires: "2026-07-16" }))[0]).toMatchObject({ path: "allow[0].expires" });
  });

  it("refuses a stack of another environment, a repeated resource, unknown keys and impossible dates", () => {
    expect(problemsOf(entry({ stack: "staging-core" }))[0]).toMatchObject({ path: "allow[0].stack", value: "staging-core" });
    const twice = `${DB_ENTRY}${DB_ENTRY.replace("allow:\n", "")}`;
    expect(problemsOf(twice)[0]!.message).toMatch(/repeats an environment, stack and address/);
    expect(allow(`${DB_ENTRY}${entry({ stack: "prod-cluster" }).replace("allow:\n", "")}`).entries).toHaveLength(2);
    expect(problemsOf(entry({ label: "allow-replace" }))[0]).toMatchObject({ path: "allow[0].label" });
    expect(problemsOf(entry({ expires: "2026-02-30" }))[0]).toMatchObject({ path: "allow[0].expires" });
    expect(problemsOf(entry({ address: "aws_s3_bucket.*" }))[0]).toMatchObject({ path: "allow[0].address" });
  });
});

describe("blocked findings", () => {
  it("say exactly how to override them, with the environment, stack and address filled in", () => {
    const markdown = renderMarkdown(judge("replace", { environment: "prod", stack: "prod-core" }));
    const findings = markdown.split("### Findings")[1]!.split("### Allowed overrides")[0]!;
    expect(findings).toContain("override: an entry in `gate-allow.yaml` for this environment, stack and address `aws_s3_bucket.assets`");
    expect(findings).toContain("To let a finding through, add to `gate-allow.yaml`");
    expect(findings).toMatch(
      new RegExp(
        [
          /- environment: prod\n\s+stack: prod-core\n\s+address: aws_db_instance\.main\n/,
          /\s+reason: .*\n\s+approver: .*\n\s+expires: <a date no later than 2026-07-15>/,
        ]
          .map((part) => part.source)
          .join(""),
      ),
    );
  });

  it("say when nothing can override them", () => {
    expect(renderMarkdown(judge("errored"))).toContain("no override: fix the cause and plan again");
  });
});
