/** The cost part of the synth summary: estimate against budget per environment, then any problems. */
import type { BudgetCheck } from "./budget";
import { usd } from "./money";
import type { OutputEstimate } from "./types";

export function formatCostSummary(estimate: OutputEstimate, checks: readonly BudgetCheck[]): string {
  const rows = estimate.environments.map((env) => {
    const check = checks.find((c) => c.environment === env.environment);
    const budget = check ? usd(check.budget.monthlyUsd) : "—";
    const status = !check
      ? "account-level, no budget"
      : check.severity === "ok"
        ? `ok (${Math.round((env.monthlyUsd / check.budget.monthlyUsd) * 100)} % of budget)`
        : check.severity.toUpperCase();
    return [env.environment, usd(env.monthlyUsd), budget, status];
  });
  const header = ["environment", "estimate/month", "budget/month", "status"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const problems = checks
    .filter((c) => c.severity !== "ok")
    .flatMap((c) => c.problems.map((p) => `  ${c.severity} cost ${c.environment}: ${p}`));
  const notEstimated = estimate.environments.flatMap((env) =>
    env.stacks
      .filter((s) => s.notEstimated.length > 0)
      .map((s) => `  note ${s.stack}: not estimated (no price in src/cost): ${s.notEstimated.join(", ")}`),
  );
  const otherRegions = estimate.environments.flatMap((env) =>
    env.stacks
      .filter((s) => s.otherRegions.length > 0)
      .map((s) => `  note ${s.stack}: resources in ${s.otherRegions.join(", ")} priced at ${estimate.priceRegion} rates`),
  );
  return [
    `Cost: monthly estimate at ${estimate.priceRegion} on-demand list prices of ${estimate.pricesAsOf} (what is and is not ` +
      `counted: src/cost/README.md)`,
    line(header),
    ...rows.map(line),
    ...problems,
    ...notEstimated,
    ...otherRegions,
  ].join("\n");
}
