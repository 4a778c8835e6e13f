/**
 * A type missing from the price table is never a silent $0: it is an UNPRICED line in every
 * report, a warning where the budget warns, and fails synthesis where the budget is enforced.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CostError } from "../../src/cost/budget";
import { costDiffMarkdown } from "../../src/cost/diff";
import { estimateOutput } from "../../src/cost/estimate";
import { formatCostSummary } from "../../src/cost/summary";
import type { StackJson } from "../../src/cost/types";
import { synthesize } from "../../src/synthesize";
import { environmentsDir, synth, work } from "./helpers";

const exoticWorkloadNodes = (onExceed: "warn" | "error") => (doc: any) => {
  doc.setIn(["cluster", "nodeGroups", 1, "instanceTypes"], ["x9z.metal", "m7i.large"]);
  doc.setIn(["budget", "onExceed"], onExceed);
};

describe("unpriced instance types", () => {
  it("with onExceed: warn, synthesis succeeds and the line is marked UNPRICED, not $0-and-quiet", () => {
    const { result } = synth(environmentsDir({ dev: exoticWorkloadNodes("warn") }));
    const dev = result.cost.estimate.environments.find((e) => e.environment === "dev")!;
    const line = dev.stacks.flatMap((s) => s.items).find((i) => i.description.includes("x9z.metal"))!;
    expect(line).toMatchObject({ unpriced: true, monthlyUsd: 0 });
    expect(line.assumption).toMatch(/UNPRICED: no price for EC2 instance type x9z\.metal/);
    expect(dev.unpriced).toHaveLength(1);
    const [check] = result.cost.budgets;
    expect(check.severity).toBe("warning");
    expect(formatCostSummary(result.cost.estimate, result.cost.budgets)).toMatch(
      /warning cost dev: unpriced, so the estimate is a lower bound: .*x9z\.metal/,
    );
  });

  it("with onExceed: error, synthesis fails naming the missing price", () => {
    const outdir = join(work, "unpriced-enforced");
    const run = () => synthesize({ environmentsDir: environmentsDir({ dev: exoticWorkloadNodes("error") }), outdir });
    expect(run).toThrow(CostError);
    expect(run).toThrow(/no price for EC2 instance type x9z\.metal/);
    expect(existsSync(outdir)).toBe(false);
  });

  it("cost-diff marks unpriced totals as lower bounds", () => {
    const stack = (instanceType: string): [string, StackJson] => [
      "dev-cluster",
      {
        provider: { aws: [{ region: "us-east-1", default_tags: [{ tags: { Environment: "dev" } }] }] },
        resource: {
          aws_eks_node_group: { pool: { instance_types: [instanceType], capacity_type: "ON_DEMAND", scaling_config: { desired_size: 2 } } },
        },
      },
    ];
    const markdown = costDiffMarkdown(estimateOutput([stack("m7i.large")]), estimateOutput([stack("x9z.metal")]));
    expect(markdown).toMatch(/\| dev \| dev-cluster \| \$[\d.,]+ \| ≥ \$[\d.,]+ \|/);
    expect(markdown).toContain("**(UNPRICED)**");
  });
});
