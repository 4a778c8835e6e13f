/** cost-diff on two real synthesis outputs: the base environment and a copy with a bigger node group. */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { costDiffMarkdown, itemChanges } from "../../src/cost/diff";
import { readOutputEstimate } from "../../src/cost/read-output";
import { environmentsDir, synth, unchanged } from "./helpers";

let base: string;
let pr: string;
beforeAll(() => {
  base = synth(environmentsDir({ dev: unchanged })).outdir;
  // dev's workload pool is Spot m7i.large at desired size 1; the PR asks for 3.
  pr = synth(environmentsDir({ dev: (doc: any) => doc.setIn(["cluster", "nodeGroups", 1, "desiredSize"], 3) })).outdir;
});

describe("cost-diff", () => {
  it("finds the node group change as the largest line-item change", () => {
    const changes = itemChanges(readOutputEstimate(base).estimate, readOutputEstimate(pr).estimate).filter((c) => c.delta !== 0);
    // 2 more Spot m7i.large: 2 × 0.1008 × 0.4 × 730 = 58.87 (88.30 − 29.43); 2 more 50 GiB gp3 roots: 2 × 50 × 0.08 = 8.00
    expect(changes.map((c) => [c.description, c.delta])).toEqual([
      ["EKS node group: 1 × m7i.large SPOT → EKS node group: 3 × m7i.large SPOT", 58.87],
      ["EKS node root volumes: 1 × 50 GiB gp3 → EKS node root volumes: 3 × 50 GiB gp3", 8],
    ]);
  });

  it("prints markdown tables per environment and per stack with delta and delta %", () => {
    const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/cost-diff.ts", base, pr], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const dev = readOutputEstimate(base).estimate.environments.find((e) => e.environment === "dev")!.monthlyUsd;
    const after = Math.round((dev + 66.87) * 100) / 100;
    const percent = ((66.87 / dev) * 100).toFixed(1);
    const money = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect(run.stdout).toContain("### Per environment");
    expect(run.stdout).toContain(`| dev | ${money(dev)} | ${money(after)} | +$66.87 | +${percent} % |`);
    expect(run.stdout).toMatch(/\| dev \| dev-cluster \| \$[\d,.]+ \| \$[\d,.]+ \| \+\$66\.87 \| \+[\d.]+ % \|/);
    expect(run.stdout).toMatch(/\| dev \| dev-core \| \$[\d,.]+ \| \$[\d,.]+ \| \$0\.00 \| 0\.0 % \|/);
    expect(run.stdout).toContain("### Largest line-item changes (top 2)");
  });

  it("estimates an output without cost-estimate.json from its stacks, and says so", () => {
    const copy = join(base, "..", "no-estimate");
    spawnSync("cp", ["-r", base, copy]);
    rmSync(join(copy, "cost-estimate.json"));
    const read = readOutputEstimate(copy);
    expect(read.estimatedFromStacks).toBe(true);
    // dev has no log-ingestion override, so the default assumption gives the same figures.
    expect(read.estimate).toEqual(readOutputEstimate(base).estimate);
    expect(
      costDiffMarkdown(read.estimate, readOutputEstimate(pr).estimate, { notes: ["The base output has no cost-estimate.json"] }),
    ).toContain("> The base output has no cost-estimate.json");
  });

  it("fails with usage help on wrong arguments", () => {
    const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/cost-diff.ts", base], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run cost-diff/);
  });
});
