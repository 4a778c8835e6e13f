/**
 * The gate's rules: which planned changes need a person's explicit approval. Each finding carries
 * what a reviewer needs to judge it (address, actions, Terraform's reason, the attributes forcing
 * a replacement) and which overrides may let it through.
 */
import { actionKind, type ActionKind } from "./actions";
import { GateInputError } from "./errors";
import type { PathStep, Plan, ResourceChange } from "./plan";
import { protectionsTurnedOff, type ProtectionChange } from "./protections";
import { CRD_OWNING_CHARTS, PROTECTIVE_RESOURCE_TYPES } from "./classification";
import { isStateful } from "./stateful";

export type RuleId = "errored-plan" | "stateful-delete" | "stateful-replace" | "forget" | "protection-off" | "protection-removed";

/** How a finding may be let through: an allow-list entry for its address, or the PR label. */
export type OverrideKind = "allow-list" | "label";

/**
 * Which overrides each rule accepts. An errored plan is incomplete, so nothing can vouch for it.
 * The label is coarse (the whole PR), so it covers replacements only; every other finding needs an
 * allow-list entry naming the exact address, with a reason and an expiry. Forgets and protection
 * switches accept one too, because each is the deliberate first step of a planned removal and
 * would otherwise have no audited way through.
 */
export const RULE_OVERRIDES: Readonly<Record<RuleId, readonly OverrideKind[]>> = {
  "errored-plan": [],
  "stateful-delete": ["allow-list"],
  "stateful-replace": ["allow-list", "label"],
  forget: ["allow-list"],
  "protection-off": ["allow-list"],
  "protection-removed": ["allow-list"],
};

/** Address used for findings about the plan as a whole. */
export const PLAN_ADDRESS = "(plan)";

export interface Finding {
  readonly rule: RuleId;
  readonly address: string;
  readonly type?: string;
  readonly kind?: ActionKind;
  readonly actions: readonly string[];
  readonly actionReason?: string;
  readonly replacePaths?: readonly (readonly PathStep[])[];
  readonly protections?: readonly ProtectionChange[];
  /** What is lost, for types whose loss is not obvious from the type (charts, protective resources). */
  readonly loses?: string;
}

export interface Evaluation {
  readonly findings: readonly Finding[];
  /** Managed resource changes by kind, plus data source reads. */
  readonly counts: Readonly<Record<ActionKind, number>>;
  /** Changes made outside Terraform, by kind; reported, never blocking. */
  readonly drift: readonly { address: string; kind: ActionKind }[];
  /**
   * Changes Terraform postponed to a later run (1.8+ deferred actions); reported, not judged here:
   * they are judged by the gate on the plan that finally contains them.
   */
  readonly deferred: readonly { address: string; actions: readonly string[]; reason: string }[];
}

export function evaluatePlan(plan: Plan, file: string): Evaluation {
  const findings: Finding[] = [];
  const counts: Record<ActionKind, number> = { create: 0, update: 0, replace: 0, delete: 0, forget: 0, "no-op": 0, read: 0 };
  if (plan.errored) findings.push({ rule: "errored-plan", address: PLAN_ADDRESS, actions: [] });

  plan.resource_changes.forEach((rc, index) => {
    const kind = kindOf(rc, `resource_changes[${index}]`, file);
    // Data sources only read; a read never changes infrastructure.
    if (rc.mode === "data") {
      if (kind === "read") counts.read++;
      return;
    }
    counts[kind]++;
    findings.push(...resourceFindings(rc, kind));
  });

  const drift = plan.resource_drift
    .filter((rc) => rc.mode !== "data")
    .map((rc, index) => ({ address: rc.address, kind: kindOf(rc, `resource_drift[${index}]`, file) }));
  const deferred = plan.deferred_changes.map((d) => ({ address: d.resource_change.address, actions: d.resource_change.change.actions, reason: d.reason }));
  return { findings, counts, drift, deferred };
}

function resourceFindings(rc: ResourceChange, kind: ActionKind): Finding[] {
  const base = { address: rc.address, type: rc.type, kind, actions: rc.change.actions, actionReason: rc.action_reason, replacePaths: rc.change.replace_paths };
  const findings: Finding[] = [];
  const chart = crdChart(rc);
  const stateful = isStateful(rc.type) || chart !== undefined;
  const loses = chart ? CRD_OWNING_CHARTS[chart] : PROTECTIVE_RESOURCE_TYPES[rc.type];
  if (kind === "forget") findings.push({ rule: "forget", ...base });
  else if (kind === "delete" && stateful) findings.push({ rule: "stateful-delete", ...base, loses });
  else if (kind === "replace" && stateful) findings.push({ rule: "stateful-replace", ...base, loses });
  else if ((kind === "delete" || kind === "replace") && loses) findings.push({ rule: "protection-removed", ...base, loses });
  if (kind === "update" || kind === "replace") {
    const protections = protectionsTurnedOff(rc.change.before, rc.change.after, rc.change.after_unknown);
    if (protections.length > 0) findings.push({ rule: "protection-off", ...base, protections });
  }
  return findings;
}

/** The chart of a Helm release that owns CRDs, read from the release's state before the change. */
function crdChart(rc: ResourceChange): string | undefined {
  if (rc.type !== "helm_release") return undefined;
  const chart = (rc.change.before as { chart?: unknown } | null | undefined)?.chart ?? (rc.change.after as { chart?: unknown } | null | undefined)?.chart;
  return typeof chart === "string" && chart in CRD_OWNING_CHARTS ? chart : undefined;
}

function kindOf(rc: ResourceChange, field: string, file: string): ActionKind {
  const kind = actionKind(rc.change.actions);
  if (kind) return kind;
  throw new GateInputError([
    {
      file,
      field: `${field}.change.actions`,
      value: rc.change.actions,
      message: `unknown action list for ${rc.address}: this gate cannot judge what it would do`,
      allowed: "create, update, delete, no-op, read, forget, delete+create, create+delete",
      fix: "check the action in Terraform's JSON output documentation and teach src/gate/actions.ts about it",
    },
  ]);
}
