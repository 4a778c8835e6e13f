/**
 * Drift is what changed outside Terraform: the plan's `resource_drift` (Terraform compared state
 * with the real objects during refresh). Changes merged to main but not yet applied also make a
 * plan non-empty; they are pending, not drift, and are reported apart so nobody chases them.
 */
import { actionKind } from "../gate/actions";
import type { Plan } from "../gate/plan";

export interface StackDrift {
  readonly stack: string;
  readonly drifted: readonly { address: string; kind: string }[];
  /** Planned changes to resources that did not drift: merged configuration not yet applied. */
  readonly pending: readonly { address: string; kind: string }[];
}

const managed = (list: Plan["resource_changes"]) =>
  list
    .filter((rc) => rc.mode !== "data")
    .map((rc) => ({ address: rc.address, kind: actionKind(rc.change.actions) ?? rc.change.actions.join("+") }))
    .filter((c) => c.kind !== "no-op" && c.kind !== "read");

export function stackDrift(stack: string, plan: Plan): StackDrift {
  const drifted = managed(plan.resource_drift);
  const driftedAddresses = new Set(drifted.map((d) => d.address));
  return { stack, drifted, pending: managed(plan.resource_changes).filter((c) => !driftedAddresses.has(c.address)) };
}

/** Markdown body of the environment's drift issue. */
export function driftMarkdown(environment: string, stacks: readonly StackDrift[]): string {
  const lines: string[] = [];
  const drifted = stacks.filter((s) => s.drifted.length > 0);
  lines.push(
    drifted.length === 0
      ? `No drift in \`${environment}\`.`
      : `Changed outside Terraform in \`${environment}\`: ${drifted.map((s) => `\`${s.stack}\` (${s.drifted.length})`).join(", ")}.`,
    "",
  );
  for (const s of drifted) {
    lines.push(
      `### ${s.stack}`,
      "",
      "| resource | change outside Terraform |",
      "|---|---|",
      ...s.drifted.map((d) => `| \`${d.address}\` | ${d.kind} |`),
      "",
    );
  }
  const pending = stacks.filter((s) => s.pending.length > 0);
  if (pending.length > 0) {
    lines.push("### Merged, not yet applied (not drift)", "");
    for (const s of pending)
      lines.push(
        `- \`${s.stack}\`: ${s.pending.length} change(s), e.g. ${s.pending
          .slice(0, 3)
          .map((p) => `\`${p.address}\` ${p.kind}`)
          .join(", ")}`,
      );
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
