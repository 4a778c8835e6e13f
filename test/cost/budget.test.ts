/** Estimate against budget: a warning by default, an error that writes nothing where enforced. */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { CostError } from "../../src/cost/budget";
import { formatCostSummary } from "../../src/cost/summary";
import { synthesize } from "../../src/synthesize";
import { environmentsDir, synth } from "./helpers";

const budget = (monthlyUsd: number, onExceed: "warn" | "error") => (doc: any) => {
  doc.setIn(["budget", "monthlyUsd"], monthlyUsd);
  doc.setIn(["budget", "onExceed"], onExceed);
};

describe("budget check", () => {
  it("within budget is ok", () => {
    const { result } = synth(environmentsDir({ dev: budget(100_000, "warn") }));
    expect(result.cost.budgets).toEqual([expect.objectContaining({ environment: "dev", severity: "ok", problems: [] })]);
  });

  it("over budget with onExceed: warn synthesizes and reports a warning with the overrun", () => {
    const { result, outdir } = synth(environmentsDir({ dev: budget(100, "warn") }));
    const [check] = result.cost.budgets;
    expect(check.severity).toBe("warning");
    expect(check.problems[0]).toMatch(/^estimate \$[\d,.]+\/month exceeds budget\.monthlyUsd \$100\.00 by \$[\d,.]+ \(\d+ %\)$/);
    expect(existsSync(`${outdir}/cost-estimate.json`)).toBe(true);
    const summary = formatCostSummary(result.cost.estimate, result.cost.budgets);
    expect(summary).toMatch(/^dev\s+\$[\d,.]+\s+\$100\.00\s+WARNING$/m);
    expect(summary).toMatch(/^ {2}warning cost dev: estimate .* exceeds budget\.monthlyUsd \$100\.00/m);
  });

  it("over budget with onExceed: error fails synthesis before anything is written", () => {
    const environments = environmentsDir({ dev: budget(100, "error") });
    const outdir = `${dirname(environments)}/never-written-${Date.now()}`;
    let error: unknown;
    try {
      synthesize({ environmentsDir: environments, outdir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CostError);
    expect((error as CostError).message).toMatch(/Cost check failed for dev\. Nothing was synthesized\./);
    expect((error as CostError).message).toMatch(/budget \$100\.00\/month \(onExceed: error\)/);
    // Reported like a configuration mistake: at the environment file's budget field, with the value to change.
    expect((error as CostError).message).toMatch(
      /dev\.yaml {2}budget\.monthlyUsd\n {2}problem: estimate .* exceeds .*\n {2}value: {3}100\n/,
    );
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(`${outdir}.partial-${process.pid}`)).toBe(false);
  });

  it("an environment without the field gets the default log ingestion; the field overrides it", () => {
    const { result } = synth(environmentsDir({ dev: (doc: any) => doc.setIn(["budget", "logIngestionGiBPerMonth"], 400) }));
    const dev = result.cost.estimate.environments.find((e) => e.environment === "dev")!;
    expect(dev.implied.find((i) => i.address === "implied:cloudwatch-logs-ingestion")!.monthlyUsd).toBe(200); // 400 GiB × 0.50
  });
});
