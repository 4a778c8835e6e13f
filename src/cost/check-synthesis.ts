/**
 * The cost step of synthesis: estimates the stacks synthesize() already parsed, checks each
 * environment's budget (throwing CostError before anything is written where a budget is
 * enforced), and writes the estimate beside the stacks for `npm run cost-diff`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EnvironmentConfig } from "../config/schema";
import { checkBudgets, CostError, type BudgetCheck } from "./budget";
import { estimateOutput } from "./estimate";
import type { OutputEstimate, StackJson } from "./types";

/** File in the output directory that holds the estimate of that output. */
export const COST_ESTIMATE_FILE = "cost-estimate.json";

export interface CostResult {
  readonly estimate: OutputEstimate;
  readonly budgets: readonly BudgetCheck[];
}

export function checkCost(stacks: ReadonlyMap<string, StackJson>, environments: readonly EnvironmentConfig[], outdir: string): CostResult {
  const byName = new Map(environments.map((e) => [e.name, e]));
  const estimate = estimateOutput(stacks, (name) => ({ logIngestionGiBPerMonth: byName.get(name)?.budget.logIngestionGiBPerMonth ?? 0 }));
  const budgets = checkBudgets(estimate, (name) => {
    const env = byName.get(name);
    return env && { ...env.budget, file: env.sourceFile };
  });
  const errors = budgets.filter((b) => b.severity === "error");
  if (errors.length > 0) throw new CostError(errors);
  writeFileSync(join(outdir, COST_ESTIMATE_FILE), `${JSON.stringify(estimate, null, 2)}\n`);
  return { estimate, budgets };
}
