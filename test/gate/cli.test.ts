/** `npm run gate` end to end: the bundled CLI in a child process, its exit codes and outputs. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planPath } from "./plans";

const work = mkdtempSync(join(tmpdir(), "sparki-gate-"));

function gate(...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/gate.ts", ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe("gate CLI", () => {
  it("exits 0 for a passing plan and prints the report", () => {
    const run = gate(planPath("create"));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^## /);
    expect(run.stderr).toBe("");
  });

  it("exits 1 for a blocked plan, and 0 once allow-list entries for its environment and stack cover it; writes the report file", () => {
    expect(gate(planPath("replace")).status).toBe(1);
    const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const entry = (address: string) =>
      `  - environment: prod\n    stack: prod-core\n    address: ${address}\n    reason: New master user name needs a new ` +
      `instance, snapshot restored (CHG-1)\n    approver: reviewer-1\n    expires: ${expires}\n`;
    const allow = file("allow.yaml", `allow:\n${entry("aws_db_instance.main")}${entry("aws_s3_bucket.assets")}`);
    const out = join(work, "report.md");
    expect(gate(planPath("replace"), "--allow", allow, "--environment", "prod", "--stack", "prod-cluster").status).toBe(1);
    const run = gate(planPath("replace"), "--allow", allow, "--environment", "prod", "--stack", "prod-core", "--markdown", out);
    expect(run.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(run.stdout);
    expect(run.stdout).toContain("CHG-1");
  });

  it("exits 1 when the only allow-list entry has expired", () => {
    const allow = file(
      "expired.yaml",
      "allow:\n  - { environment: prod, stack: prod-core, address: aws_s3_bucket.assets, reason: Archived and handed over to " +
        "the data team (CHG-4), approver: reviewer-1, expires: 2000-01-01 }\n",
    );
    const run = gate(planPath("forget"), "--allow", allow, "--environment", "prod", "--stack", "prod-core");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("expired");
  });

  it("exits 2 for usage and input errors, explaining them on stderr", () => {
    expect(gate().status).toBe(2);
    const misspelt = gate(planPath("create"), "--alow", "gate-allow.yaml");
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toMatch(/--alow.*did you mean --allow\?\)\nusage: npm run gate/);
    expect(misspelt.stderr).not.toMatch(/\n\s+at /);
    // Input errors: an unreadable plan here; unknown plan formats are refused in plan-format.test.ts.
    const missing = gate(join(work, "missing.json"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read the plan");
    expect(missing.stdout).toBe("");

    const noReason = gate(
      planPath("replace"),
      "--allow",
      file(
        "no-reason.yaml",
        "allow:\n  - { environment: prod, stack: prod-core, address: aws_db_instance.main, approver: reviewer-1, expires: 2000-12-31 }\n",
      ),
    );
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toContain("allow[0].reason");
  });
});
