/** Allow-list entries and the PR label: what each lets through, and that every use is reported. */
import { describe, expect, it } from "vitest";
import { parseAllowList, type AllowList } from "../../src/gate/allow-list";
import { GateInputError } from "../../src/gate/errors";
import { ALLOW_REPLACE_LABEL } from "../../src/gate/gate";
import { renderMarkdown } from "../../src/gate/report";
import { blockingOf, judge } from "./plans";

const allow = (yaml: string): AllowList => parseAllowList(yaml, "allow-list.yaml");

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

const DB_ENTRY = `
allow:
  - address: aws_db_instance.main
    reason: Renaming the master user needs a new instance; final snapshot restored into it (CHG-1)
    expires: 2026-06-30
`;

describe("allow-list", () => {
  it("lets the replacement of exactly the listed address through and reports the entry", () => {
    const result = judge("replace", { allowList: allow(DB_ENTRY) });
    expect(blockingOf(result)).toEqual(["stateful-replace aws_s3_bucket.assets"]);
    expect(result.overridden).toHaveLength(1);
    expect(result.overridden[0]).toMatchObject({ finding: { address: "aws_db_instance.main" }, override: { kind: "allow-list", entry: { index: 1, expires: "2026-06-30" } } });
    const markdown = renderMarkdown(result);
    const overrides = markdown.slice(markdown.indexOf("### Allowed overrides"));
    expect(overrides).toContain("aws_db_instance.main");
    expect(overrides).toContain("CHG-1");
  });

  it("does not match a module's resource with the same type and name", () => {
    const result = judge("delete", { allowList: allow(DB_ENTRY) });
    expect(blockingOf(result)).toContain("stateful-delete module.legacy.aws_db_instance.main");
    expect(result.unusedEntries.map((e) => e.address)).toEqual(["aws_db_instance.main"]);
  });

  it("lets a delete through when the entry names the module address", () => {
    const list = allow(`
allow:
  - { address: module.legacy.aws_db_instance.main, reason: Legacy database retired after export (CHG-2), expires: 2026-07-01 }
  - { address: aws_s3_bucket.assets, reason: Emptied and archived (CHG-3), expires: 2026-07-01 }
`);
    const result = judge("delete", { allowList: list });
    expect(result.passed).toBe(true);
    expect(result.overridden.map((o) => o.finding.address).sort()).toEqual(["aws_s3_bucket.assets", "module.legacy.aws_db_instance.main"]);
  });

  it("ignores an expired entry and reports it, while an entry is still valid on its expiry day", () => {
    const expired = judge("replace", { allowList: allow(DB_ENTRY), now: new Date("2026-07-01T00:00:00Z") });
    expect(blockingOf(expired)).toContain("stateful-replace aws_db_instance.main");
    expect(expired.expiredEntries.map((e) => e.address)).toEqual(["aws_db_instance.main"]);
    expect(renderMarkdown(expired)).toMatch(/expired.*aws_db_instance\.main/);

    const lastDay = judge("replace", { allowList: allow(DB_ENTRY), now: new Date("2026-06-30T23:59:00Z") });
    expect(blockingOf(lastDay)).not.toContain("stateful-replace aws_db_instance.main");
    expect(lastDay.expiredEntries).toEqual([]);
  });

  it("rejects an entry without a reason, naming the file, entry, field and line", () => {
    const problems = problemsOf(`allow:
  - address: aws_s3_bucket.assets
    reason: Archived
    expires: 2026-07-01
  - address: aws_db_instance.main
    expires: 2026-07-01
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "allow-list.yaml", field: "allow[1].reason", line: 5 });
    expect(problems[0]!.message).toMatch(/entry 2/);
  });

  it("rejects blank reasons, impossible dates, wildcards, unknown keys and repeated addresses", () => {
    expect(problemsOf("allow:\n  - { address: aws_s3_bucket.a, reason: '  ', expires: 2026-07-01 }\n")[0]).toMatchObject({ field: "allow[0].reason" });
    expect(problemsOf("allow:\n  - { address: aws_s3_bucket.a, reason: ok, expires: 2026-02-30 }\n")[0]).toMatchObject({ field: "allow[0].expires", value: "2026-02-30" });
    expect(problemsOf("allow:\n  - { address: aws_s3_bucket.a, reason: ok, expires: '2026-07-01T00:00:00Z' }\n")[0]).toMatchObject({ field: "allow[0].expires" });
    expect(problemsOf("allow:\n  - { address: 'aws_s3_bucket.*', reason: ok, expires: 2026-07-01 }\n")[0]).toMatchObject({ field: "allow[0].address" });
    expect(problemsOf("allow:\n  - { address: aws_s3_bucket.a, reason: ok, expires: 2026-07-01, actions: [delete] }\n")[0]).toMatchObject({ field: "allow[0].actions" });
    expect(problemsOf("entries: []\n").map((p) => p.field)).toEqual(expect.arrayContaining(["entries", "allow"]));
    const repeated = problemsOf("allow:\n  - { address: aws_s3_bucket.a, reason: ok, expires: 2026-07-01 }\n  - { address: aws_s3_bucket.a, reason: again, expires: 2026-08-01 }\n");
    expect(repeated[0]).toMatchObject({ field: "allow[1].address", line: 3 });
  });

  it("never lets an errored plan through", () => {
    const list = allow("allow:\n  - { address: aws_s3_bucket.assets, reason: ok, expires: 2026-07-01 }\n");
    expect(judge("errored", { allowList: list, labels: [ALLOW_REPLACE_LABEL] }).passed).toBe(false);
  });

  it("lets a forget and a protection switch through only by an entry for their address", () => {
    const forget = allow("allow:\n  - { address: aws_s3_bucket.assets, reason: Handed over to the data team's state (CHG-4), expires: 2026-07-01 }\n");
    expect(judge("forget", { allowList: forget }).passed).toBe(true);
    const result = judge("protection-off", { allowList: forget });
    expect(blockingOf(result)).toEqual(["protection-off aws_db_instance.main", "protection-off aws_kms_key.main"]);
  });
});

describe("allow-replace label", () => {
  it("lets every replacement through and reports each one as allowed by the label", () => {
    const result = judge("replace", { labels: ["documentation", ALLOW_REPLACE_LABEL] });
    expect(result.passed).toBe(true);
    expect(result.overridden.map((o) => [o.finding.address, o.override.kind])).toEqual([
      ["aws_db_instance.main", "label"],
      ["aws_s3_bucket.assets", "label"],
    ]);
  });

  it("does not let deletes, forgets, protection switches or errored plans through", () => {
    for (const name of ["delete", "forget", "protection-off", "errored"] as const) {
      const result = judge(name, { labels: [ALLOW_REPLACE_LABEL] });
      expect(result.passed, name).toBe(false);
      expect(result.overridden, name).toEqual([]);
    }
  });

  it("prefers a matching allow-list entry, whose reason is more informative, over the label", () => {
    const result = judge("replace", { allowList: allow(DB_ENTRY), labels: [ALLOW_REPLACE_LABEL] });
    expect(result.passed).toBe(true);
    const kinds = Object.fromEntries(result.overridden.map((o) => [o.finding.address, o.override.kind]));
    expect(kinds).toEqual({ "aws_db_instance.main": "allow-list", "aws_s3_bucket.assets": "label" });
  });
});
