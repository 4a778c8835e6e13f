/**
 * Estimate against budget per environment. Over budget is a warning, or an error where the
 * environment sets `budget.onExceed: error`. An estimate with unpriced items cannot be held to a
 * budget, so it is treated the same way: an error where the budget is enforced, a warning elsewhere.
 */
import { ProblemError, type Problem } from "../problems";
import { usd } from "./money";
import type { EnvironmentEstimate, OutputEstimate } from "./types";

export interface Budget {
  readonly monthlyUsd: number;
  readonly onExceed: "warn" | "error";
  /** The environment file that sets the budget, for messages. @default the environment's name */
  readonly file?: string;
}

export interface BudgetCheck {
  readonly environment: string;
  readonly estimateUsd: number;
  readonly budget: Budget;
  readonly severity: "ok" | "warning" | "error";
  /** Why it is not ok; empty when it is. */
  readonly problems: readonly string[];
  /** Items the estimate could not price. */
  readonly unpriced: readonly string[];
}

/** Checks every environment of `estimate` that has a budget; account-level stacks have none. */
export function checkBudgets(estimate: OutputEstimate, budgetOf: (environment: string) => Budget | undefined): BudgetCheck[] {
  return estimate.environments.flatMap((env) => {
    const budget = budgetOf(env.environment);
    return budget ? [check(env, budget)] : [];
  });
}

function overrun(estimateUsd: number, budgetUsd: number): string {
  const over = estimateUsd - budgetUsd;
  const percent = Math.round((over / budgetUsd) * 100);
  return `estimate ${usd(estimateUsd)}/month exceeds budget.monthlyUsd ${usd(budgetUsd)} by ${usd(over)} (${percent} %)`;
}

function check(env: EnvironmentEstimate, budget: Budget): BudgetCheck {
  const problems: string[] = [];
  if (env.monthlyUsd > budget.monthlyUsd) problems.push(overrun(env.monthlyUsd, budget.monthlyUsd));
  for (const line of env.unpriced) problems.push(`unpriced, so the estimate is a lower bound: ${line}`);
  const severity = problems.length === 0 ? "ok" : budget.onExceed === "error" ? "error" : "warning";
  return { environment: env.environment, estimateUsd: env.monthlyUsd, budget, severity, problems, unpriced: env.unpriced };
}

/** Thrown when an environment with `budget.onExceed: error` is over budget or not fully priced. */
export class CostError extends ProblemError {
  constructor(readonly checks: readonly BudgetCheck[]) {
    super(`Cost check failed for ${checks.map((c) => c.environment).join(", ")}. Nothing was synthesized.`, checks.flatMap(budgetProblems));
    this.name = "CostError";
  }
}

/** A failed check as problems: one for the overrun, one per unpriced item, each at the budget field to change. */
export function budgetProblems(c: BudgetCheck): Problem[] {
  const file = c.budget.file ?? c.environment;
  const budget = `budget ${usd(c.budget.monthlyUsd)}/month (onExceed: ${c.budget.onExceed})`;
  const problems: Problem[] = [];
  if (c.estimateUsd > c.budget.monthlyUsd) {
    problems.push({
      file,
      path: "budget.monthlyUsd",
      value: c.budget.monthlyUsd,
      message: overrun(c.estimateUsd, c.budget.monthlyUsd),
      allowed: `an estimate within ${budget}`,
      fix: "shrink the environment, or raise budget.monthlyUsd in its file (see src/cost/README.md)",
    });
  }
  for (const line of c.unpriced) {
    problems.push({
      file,
      path: "budget.onExceed",
      value: c.budget.onExceed,
      message: `unpriced, so the estimate is a lower bound: ${line}`,
      allowed: `every item priced, so the estimate can be held to ${budget}`,
      fix: "add the missing price to src/cost/prices-us-east-1.ts (see src/cost/README.md), or set budget.onExceed: warn",
    });
  }
  return problems;
}
