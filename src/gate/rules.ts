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

/** How a finding may be let through: an allow-list entry for its environment, stack and address. */
export type OverrideKind = "allow-list";

/**
 * Which overrides each rule accepts. An errored plan is incomplete, so nothing can vouch for it.
 * Every other finding needs an allow-list entry naming the environment, stack and address, with
 * a reason, the approver and an expiry: one path, in the repository, read the same way by the
 * pull request's plan and by the deploy. Forgets and protection switches accept one too, because
 * each is the deliberate first step of a planned removal.
 */
export const RULE_OVERRIDES: Readonly<Record<RuleId, readonly OverrideKind[]>> = {
  "errored-plan": [],
  "stateful-delete": ["allow-list"],
  "stateful-replace": ["allow-list"],
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

/** One row of the per-resource table reviewers read. */
export interface ChangeRow {
  readonly address: string;
  /** create, update, replace, delete, forget, or move / import when that is all that happens. */
  readonly action: ActionKind | "move" | "import";
  readonly previousAddress?: string;
  readonly importId?: string;
  readonly replacePaths?: readonly (readonly PathStep[])[];
  /** Top-level attributes whose value changes, for updates. */
  readonly changedAttributes?: readonly string[];
}

export interface Evaluation {
  /** Every managed resource the plan changes, moves or imports, in plan order. */
  readonly changes: readonly ChangeRow[];
  /** Root outputs that change: name and kind. */
  readonly outputs: readonly { name: string; action: string }[];
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
  const changes: ChangeRow[] = [];
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
    const row = changeRow(rc, kind);
    if (row) changes.push(row);
  });
  const outputs = Object.entries(plan.output_changes)
    .map(([name, change]) => ({ name, action: actionKind(change.actions) ?? change.actions.join("+") }))
    .filter((o) => o.action !== "no-op");

  const drift = plan.resource_drift
    .filter((rc) => rc.mode !== "data")
    .map((rc, index) => ({ address: rc.address, kind: kindOf(rc, `resource_drift[${index}]`, file) }));
  const deferred = plan.deferred_changes.map((d) => ({
    address: d.resource_change.address,
    actions: d.resource_change.change.actions,
    reason: d.reason,
  }));
  return { changes, outputs, findings, counts, drift, deferred };
}

function resourceFindings(rc: ResourceChange, kind: ActionKind): Finding[] {
  const base = {
    address: rc.address,
    type: rc.type,
    kind,
    actions: rc.change.actions,
    actionReason: rc.action_reason,
    replacePaths: rc.change.replace_paths,
  };
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

function changeRow(rc: ResourceChange, kind: ActionKind): ChangeRow | undefined {
  const moved = rc.previous_address && rc.previous_address !== rc.address ? rc.previous_address : undefined;
  const importId = rc.change.importing ? (rc.change.importing.id ?? "(id known after apply)") : undefined;
  if (kind === "no-op" || kind === "read") {
    if (importId !== undefined) return { address: rc.address, action: "import", importId, previousAddress: moved };
    return moved ? { address: rc.address, action: "move", previousAddress: moved } : undefined;
  }
  return {
    address: rc.address,
    action: kind,
    previousAddress: moved,
    importId,
    replacePaths: rc.change.replace_paths,
    changedAttributes: kind === "update" ? changedAttributes(rc.change.before, rc.change.after, rc.change.after_unknown) : undefined,
  };
}

function changedAttributes(before: unknown, after: unknown, unknown: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const u = (unknown ?? {}) as Record<string, unknown>;
  const same = (x: unknown, y: unknown) =>
    x === y || (typeof x === "object" && typeof y === "object" && x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => u[k] === true || !same(b[k], a[k])).sort();
}

/** The chart of a Helm release that owns CRDs, read from the release's state before the change. */
function crdChart(rc: ResourceChange): string | undefined {
  if (rc.type !== "helm_release") return undefined;
  const chart =
    (rc.change.before as { chart?: unknown } | null | undefined)?.chart ??
    (rc.change.after as { chart?: unknown } | null | undefined)?.chart;
  return typeof chart === "string" && chart in CRD_OWNING_CHARTS ? chart : undefined;
}

function kindOf(rc: ResourceChange, field: string, file: string): ActionKind {
  const kind = actionKind(rc.change.actions);
  if (kind) return kind;
  throw new GateInputError([
    {
      file,
      path: `${field}.change.actions`,
      value: rc.change.actions,
      message: `unknown action list for ${rc.address}: this gate cannot judge what it would do`,
      allowed: "create, update, delete, no-op, read, forget, delete+create, create+delete",
      fix: "check the action in Terraform's JSON output documentation and teach src/gate/actions.ts about it",
    },
  ]);
}
