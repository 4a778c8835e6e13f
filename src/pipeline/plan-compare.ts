/**
 * Compares a re-plan with the plan reviewers approved. When an upstream stack's apply changed its
 * outputs, a dependant is planned again before it applies; the new plan may carry new values,
 * but if it creates, replaces or deletes anything the reviewed plan did not, nobody approved it.
 */
import { actionKind } from "../gate/actions";
import type { Plan } from "../gate/plan";

export interface PlannedAction {
  readonly address: string;
  readonly kind: string;
}

/** Managed resources the plan changes, with the kind of change; no-ops and reads left out. */
export function plannedActions(plan: Plan): PlannedAction[] {
  return plan.resource_changes
    .filter((rc) => rc.mode !== "data")
    .map((rc) => ({ address: rc.address, kind: actionKind(rc.change.actions) ?? rc.change.actions.join("+") }))
    .filter((a) => a.kind !== "no-op")
    .sort((a, b) => a.address.localeCompare(b.address));
}

/** Lines describing every action the re-plan has that the reviewed plan had not, or lost. */
export function unreviewedChanges(reviewed: Plan, replanned: Plan): string[] {
  const before = new Map(plannedActions(reviewed).map((a) => [a.address, a.kind]));
  const after = new Map(plannedActions(replanned).map((a) => [a.address, a.kind]));
  const lines: string[] = [];
  for (const [address, kind] of after) {
    if (!before.has(address)) lines.push(`${address}: ${kind} (not in the reviewed plan)`);
    else if (before.get(address) !== kind) lines.push(`${address}: ${kind} (reviewed: ${before.get(address)})`);
  }
  for (const [address, kind] of before) if (!after.has(address)) lines.push(`${address}: no longer changes (reviewed: ${kind})`);
  return lines.sort();
}
