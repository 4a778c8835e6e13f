/**
 * Estimate against budget per environment. Over budget is a warning, or an error where the
 * environment sets `budget.onExceed: error`. An estimate with unpriced items cannot be held to a
 * budget, so it is treated the same way: an error where the budget is enforced, a warning elsewhere.
 */
import { usd } from "./money";
import type { EnvironmentEstimate, OutputEstimate } from "./types";

export interface Budget {
  readonly monthlyUsd: number;
  readonly onExceed: "warn" | "error";
}

export interface BudgetCheck {
  readonly environment: string;
  readonly estimateUsd: number;
  readonly budget: Budget;
  readonly severity: "ok" | "warning" | "error";
  /** Why it is not ok; empty when it is. */
  readonly problems: readonly string[];
}

/** Checks every environment of `estimate` that has a budget; account-level stacks have none. */
export function checkBudgets(estimate: OutputEstimate, budgetOf: (environment: string) => Budget | undefined): BudgetCheck[] {
  return estimate.environments.flatMap((env) => {
    const budget = budgetOf(env.environment);
    return budget ? [check(env, budget)] : [];
  });
}

function check(env: EnvironmentEstimate, budget: Budget): BudgetCheck {
  const problems: string[] = [];
  if (env.monthlyUsd > budget.monthlyUsd) {
    const over = env.monthlyUsd - budget.monthlyUsd;
    problems.push(
      `estimate ${usd(env.monthlyUsd)}/month exceeds budget.monthlyUsd ${usd(budget.monthlyUsd)} by ${usd(over)} ` +
        `(${Math.round((over / budget.monthlyUsd) * 100)} %)`,
    );
  }
  for (const line of env.unpriced) problems.push(`unpriced, so the estimate is a lower bound: ${line}`);
  const severity = problems.length === 0 ? "ok" : budget.onExceed === "error" ? "error" : "warning";
  return { environment: env.environment, estimateUsd: env.monthlyUsd, budget, severity, problems };
}

/** Thrown when an environment with `budget.onExceed: error` is over budget or not fully priced. */
export class CostError extends Error {
  constructor(readonly checks: readonly BudgetCheck[]) {
    super(
      [
        `Cost check failed for ${checks.map((c) => c.environment).join(", ")}. Nothing was synthesized.`,
        ...checks.map(
          (c) =>
            `\n${c.environment}  estimate ${usd(c.estimateUsd)}/month, budget ${usd(c.budget.monthlyUsd)}/month (onExceed: error)\n` +
            c.problems.map((p) => `  problem: ${p}`).join("\n") +
            `\n  fix:     shrink the environment, add the missing price to src/cost/prices-us-east-1.ts, or raise ` +
            `budget.monthlyUsd in its file (see src/cost/README.md)`,
        ),
      ].join("\n"),
    );
    this.name = "CostError";
  }
}
