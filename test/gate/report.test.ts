/** The markdown summary posted on the pull request. */
import { describe, expect, it } from "vitest";
import { ACTION_KINDS } from "../../src/gate/actions";
import { MAX_LISTED, renderMarkdown } from "../../src/gate/report";
import { judge, rawPlan } from "./plans";

/** Reads the counts table back: header row of kinds, then the row of numbers. */
function countsTable(markdown: string): Record<string, number> {
  const rows = markdown.split("\n").filter((line) => line.startsWith("|"));
  const kinds = rows[0]!
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);
  const numbers = rows[2]!
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean)
    .map(Number);
  return Object.fromEntries(kinds.map((k, i) => [k, numbers[i]!]));
}

describe("markdown report", () => {
  it("counts changes by action in a table, in the documented order", () => {
    const result = judge("replace");
    const table = countsTable(renderMarkdown(result));
    expect(Object.keys(table)).toEqual([...ACTION_KINDS]);
    expect(table).toEqual(result.counts);
    expect(table.replace).toBe(3);
  });

  it("explains each finding with its address, actions, reason and the attributes forcing replacement", () => {
    const markdown = renderMarkdown(judge("replace"));
    const findings = markdown.slice(markdown.indexOf("### Findings"), markdown.indexOf("### Allowed"));
    const dbLines = findings.split("\n- ").find((block) => block.includes("aws_db_instance.main"))!;
    for (const text of ["delete, create", "replace_because_cannot_update", "username"]) expect(dbLines).toContain(text);
    expect(findings).not.toContain("aws_security_group.db");
  });

  it("lists drift apart from findings", () => {
    const markdown = renderMarkdown(judge("drift"));
    const drift = markdown.slice(markdown.indexOf("### Drift"));
    expect(drift).toContain("aws_cloudwatch_log_group.audit");
    // Terraform plans to undo the drift, so the change table lists it; it is no finding.
    expect(markdown.slice(markdown.indexOf("### Findings"), markdown.indexOf("### Drift"))).not.toContain("aws_cloudwatch_log_group.audit");
  });

  it("keeps a huge plan's report short enough for a PR comment", () => {
    const plan = rawPlan("delete");
    const bucket = plan.resource_changes.find((rc: { address: string }) => rc.address === "aws_s3_bucket.assets");
    plan.resource_changes = Array.from({ length: 1000 }, (_, i) => ({ ...bucket, address: `aws_s3_bucket.b${i}`, name: `b${i}` }));
    const markdown = renderMarkdown(judge(plan));
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown).toContain(String(1000 - MAX_LISTED));
    expect(countsTable(markdown).delete).toBe(1000);
  });
});

describe("per-resource table", () => {
  it("shows each change with what forces a replacement, moves from → to, imports and output changes", () => {
    const plan = rawPlan("replace");
    const moved = {
      ...plan.resource_changes.find((rc: { address: string }) => rc.address === "aws_s3_bucket.assets"),
      address: "aws_s3_bucket.renamed",
      previous_address: "aws_s3_bucket.assets",
    };
    moved.change = { ...moved.change, actions: ["no-op"] };
    const imported = {
      ...moved,
      address: "aws_s3_bucket.adopted",
      previous_address: undefined,
      change: { ...moved.change, importing: { id: "legacy-bucket" } },
    };
    plan.resource_changes.push(moved, imported);
    plan.output_changes = { database_endpoint: { actions: ["update"] }, unchanged: { actions: ["no-op"] } };
    const markdown = renderMarkdown(judge(plan));
    const table = markdown.slice(markdown.indexOf("| action | resource | detail |"), markdown.indexOf("### Findings"));
    expect(table).toMatch(/\| \*\*replace\*\* \| `aws_db_instance\.main` \| forced by `username` \|/);
    expect(table).toContain("| move | `aws_s3_bucket.renamed` | moved from `aws_s3_bucket.assets` |");
    expect(table).toContain("| import | `aws_s3_bucket.adopted` | import id `legacy-bucket` |");
    expect(table).toContain("| `database_endpoint` | update |");
    expect(table).not.toContain("unchanged");
  });

  it("names the attributes an update changes, and collapses a long table", () => {
    const update = renderMarkdown(judge("update"));
    expect(update).toMatch(/\| update \| `aws_db_instance\.main` \| .*`instance_class`/);
    const plan = rawPlan("create");
    const template = plan.resource_changes.find((rc: { mode: string }) => rc.mode === "managed");
    plan.resource_changes = Array.from({ length: 30 }, (_, i) => ({ ...template, address: `aws_s3_bucket.b${i}`, name: `b${i}` }));
    expect(renderMarkdown(judge(plan))).toMatch(/<details><summary>30 resource change\(s\)<\/summary>/);
  });
});
