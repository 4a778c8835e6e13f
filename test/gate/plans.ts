/** Loads the plan fixtures (real `terraform show -json` output, see test/fixtures/plans/README.md). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AllowList } from "../../src/gate/allow-list";
import { runGate, type GateResult } from "../../src/gate/gate";
import { parsePlan, validatePlan } from "../../src/gate/plan";

export const PLAN_FIXTURES = join("test", "fixtures", "plans");
export const CASES = ["create", "update", "protection-off", "delete", "replace", "forget", "no-op", "errored", "drift"] as const;
export type CaseName = (typeof CASES)[number];

export const planPath = (name: CaseName) => join(PLAN_FIXTURES, name, "plan.json");

/** The fixture's JSON as a fresh mutable object, for tests that derive a variant from it (untyped, like any plan JSON). */
export function rawPlan(name: CaseName): any {
  return JSON.parse(readFileSync(planPath(name), "utf8"));
}

export interface JudgeOptions {
  readonly allowList?: AllowList;
  readonly environment?: string;
  readonly stack?: string;
  readonly now?: Date;
}

/** Runs the gate on a fixture by name, or on a derived plan object. */
export function judge(plan: CaseName | object, options: JudgeOptions = {}): GateResult {
  const parsed =
    typeof plan === "string" ? parsePlan(readFileSync(planPath(plan), "utf8"), planPath(plan)) : validatePlan(plan, "derived.json");
  return runGate(parsed, {
    planFile: typeof plan === "string" ? planPath(plan) : "derived.json",
    now: new Date("2026-06-15T12:00:00Z"),
    ...options,
  });
}

/** Blocking findings as `rule address` strings, sorted, for compact assertions. */
export const blockingOf = (result: GateResult) => result.blocking.map((f) => `${f.rule} ${f.address}`).sort();
