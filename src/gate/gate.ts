/**
 * The decision: evaluates a plan, applies the overrides the rules accept, and says whether the
 * plan may be applied. Pure (the clock is passed in), so tests pin dates.
 */
import { activeEntry, isExpired, utcDay, type AllowEntry, type AllowList } from "./allow-list";
import type { Plan } from "./plan";
import { evaluatePlan, RULE_OVERRIDES, type Evaluation, type Finding } from "./rules";

export interface GateOptions {
  /** Name of the plan file, for messages and the report. */
  readonly planFile: string;
  /** @default no allow-list: nothing is let through by entry */
  readonly allowList?: AllowList;
  /** Environment the plan belongs to; allow-list entries match it exactly. @default none: no entry matches */
  readonly environment?: string;
  /** Stack the plan belongs to; allow-list entries match it exactly. @default none: no entry matches */
  readonly stack?: string;
  /** Today, for allow-list expiry. @default the current time */
  readonly now?: Date;
}

export type Override = { readonly kind: "allow-list"; readonly entry: AllowEntry };

export interface GateResult extends Evaluation {
  readonly planFile: string;
  readonly environment?: string;
  readonly stack?: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly applyable: boolean;
  readonly complete: boolean;
  readonly errored: boolean;
  readonly passed: boolean;
  readonly blocking: readonly Finding[];
  readonly overridden: readonly { finding: Finding; override: Override }[];
  /** Entries past their expiry date: ignored, listed so someone removes or renews them. */
  readonly expiredEntries: readonly AllowEntry[];
  /** Entries in force that matched nothing in this plan. */
  readonly unusedEntries: readonly AllowEntry[];
  /** ISO day used for expiry. */
  readonly today: string;
}

export function runGate(plan: Plan, options: GateOptions): GateResult {
  const today = utcDay(options.now ?? new Date());
  const evaluation = evaluatePlan(plan, options.planFile);
  const blocking: Finding[] = [];
  const overridden: { finding: Finding; override: Override }[] = [];
  const used = new Set<AllowEntry>();

  for (const finding of evaluation.findings) {
    const override = overrideFor(finding, options, today);
    if (!override) {
      blocking.push(finding);
      continue;
    }
    overridden.push({ finding, override });
    if (override.kind === "allow-list") used.add(override.entry);
  }
  // Housekeeping concerns this plan's stack only; other stacks' entries are theirs to report.
  const entries = (options.allowList?.entries ?? []).filter((e) => e.environment === options.environment && e.stack === options.stack);
  return {
    ...evaluation,
    planFile: options.planFile,
    environment: options.environment,
    stack: options.stack,
    formatVersion: plan.format_version,
    terraformVersion: plan.terraform_version,
    applyable: plan.applyable,
    complete: plan.complete,
    errored: plan.errored,
    passed: blocking.length === 0,
    blocking,
    overridden,
    expiredEntries: entries.filter((e) => isExpired(e, today)),
    unusedEntries: entries.filter((e) => !isExpired(e, today) && !used.has(e)),
    today,
  };
}

function overrideFor(finding: Finding, options: GateOptions, today: string): Override | undefined {
  if (!RULE_OVERRIDES[finding.rule].includes("allow-list")) return undefined;
  const entry = activeEntry(options.allowList, { environment: options.environment, stack: options.stack, address: finding.address }, today);
  return entry ? { kind: "allow-list", entry } : undefined;
}
