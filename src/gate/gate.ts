/**
 * The decision: evaluates a plan, applies the overrides the rules accept, and says whether the
 * plan may be applied. Pure (the clock is passed in), so tests pin dates.
 */
import { activeEntry, isExpired, utcDay, type AllowEntry, type AllowList } from "./allow-list";
import type { Plan } from "./plan";
import { evaluatePlan, RULE_OVERRIDES, type Evaluation, type Finding } from "./rules";

/** The PR label that lets replacements (only) through; CI passes the PR's labels with --label. */
export const ALLOW_REPLACE_LABEL = "allow-replace";

export interface GateOptions {
  /** Name of the plan file, for messages and the report. */
  readonly planFile: string;
  /** @default no allow-list: nothing is let through by entry */
  readonly allowList?: AllowList;
  /** Labels on the pull request. Only ALLOW_REPLACE_LABEL has a meaning. @default none */
  readonly labels?: readonly string[];
  /** Today, for allow-list expiry. @default the current time */
  readonly now?: Date;
}

export type Override = { readonly kind: "allow-list"; readonly entry: AllowEntry } | { readonly kind: "label"; readonly label: string };

export interface GateResult extends Evaluation {
  readonly planFile: string;
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
  const labels = new Set(options.labels ?? []);
  const blocking: Finding[] = [];
  const overridden: { finding: Finding; override: Override }[] = [];
  const used = new Set<AllowEntry>();

  for (const finding of evaluation.findings) {
    const override = overrideFor(finding, options.allowList, labels, today);
    if (!override) {
      blocking.push(finding);
      continue;
    }
    overridden.push({ finding, override });
    if (override.kind === "allow-list") used.add(override.entry);
  }
  const entries = options.allowList?.entries ?? [];
  return {
    ...evaluation,
    planFile: options.planFile,
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

function overrideFor(finding: Finding, allowList: AllowList | undefined, labels: ReadonlySet<string>, today: string): Override | undefined {
  const accepted = RULE_OVERRIDES[finding.rule];
  // The allow-list is preferred: it names the address and says why, which the report shows.
  if (accepted.includes("allow-list")) {
    const entry = activeEntry(allowList, finding.address, today);
    if (entry) return { kind: "allow-list", entry };
  }
  if (accepted.includes("label") && labels.has(ALLOW_REPLACE_LABEL)) return { kind: "label", label: ALLOW_REPLACE_LABEL };
  return undefined;
}
