/** The synthesis program (esbuild bundle of main.ts) prints the cost section and fails on an enforced budget. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { environmentsDir, work } from "./helpers";

/** The synthesis program's bundle, built or copied once for the suite (test/setup/synthesis-bundle.ts), and its node flags. */
const bundle = inject("synthesisBundle");
const nodeFlags = inject("synthesisNodeFlags");

function run(environments: string) {
  const outdir = join(mkdtempSync(join(work, "cli-")), "cdktf.out");
  const result = spawnSync(process.execPath, [...nodeFlags, bundle, "--environments", environments], {
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  return { ...result, outdir };
}

const budget = (monthlyUsd: number, onExceed: "warn" | "error") => (doc: any) => {
  doc.setIn(["budget", "monthlyUsd"], monthlyUsd);
  doc.setIn(["budget", "onExceed"], onExceed);
};

describe("synthesis program: cost", () => {
  it("prints estimate against budget per environment, and a warning when over a warn budget", () => {
    const result = run(environmentsDir({ dev: budget(100, "warn") }));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Cost: monthly estimate at us-east-1 on-demand list prices of \d{4}-\d{2}-\d{2}/m);
    expect(result.stdout).toMatch(/^dev\s+\$[\d,.]+\s+\$100\.00\s+WARNING$/m);
    expect(result.stdout).toMatch(/^account 111111111111\s+\$[\d,.]+\s+—\s+account-level, no budget$/m);
    expect(existsSync(join(result.outdir, "cost-estimate.json"))).toBe(true);
  });

  it("exits 1 and writes nothing when an enforced budget is exceeded", () => {
    const result = run(environmentsDir({ dev: budget(100, "error") }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Cost check failed for dev\. Nothing was synthesized\./m);
    expect(result.stderr).toMatch(/problem: estimate \$[\d,.]+\/month exceeds budget\.monthlyUsd \$100\.00/);
    expect(result.stderr).not.toMatch(/at \w+ \(/); // a message, not a stack trace
    expect(existsSync(result.outdir)).toBe(false);
  });
});
