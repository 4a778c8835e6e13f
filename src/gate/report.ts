/**
 * The markdown summary posted on the pull request: decision, a per-resource table (create,
 * update, replace with the attributes forcing it, delete, forget, move, import) and output
 * changes, findings with Terraform's own explanation and how to override each, overrides used,
 * allow-list housekeeping and drift.
 */
import { closest } from "../problems";
import { ACTION_KINDS, replacementOrder } from "./actions";
import { MAX_ENTRY_DAYS, utcDay, type AllowEntry } from "./allow-list";
import type { GateResult, Override } from "./gate";
import type { PathStep } from "./plan";
import { PLAN_ADDRESS, RULE_OVERRIDES, type ChangeRow, type Finding, type RuleId } from "./rules";

/** Tables longer than this are collapsed, so the decision and findings stay in view. */
export const COLLAPSE_ROWS = 15;
/** The allow-list file CI reads. */
export const ALLOW_LIST_FILE = "gate-allow.yaml";

/**
 * Findings, drifted and deferred resources listed in full up to this many each; the rest are
 * counted. GitHub rejects comments over 65,536 characters, and a long list hides the decision.
 */
export const MAX_LISTED = 50;

/** One line per rule: what the finding means for the reader. */
const RULE_TITLES: Record<RuleId, string> = {
  "errored-plan": "planning failed: the plan is incomplete and must not be applied",
  "stateful-delete": "deletes a stateful resource",
  "stateful-replace": "replaces a stateful resource (the old one and its data are destroyed)",
  forget: "removes a resource from Terraform state without destroying it",
  "protection-off": "switches a protection off",
  "protection-removed": "deletes a resource that protects data",
};

export function renderMarkdown(result: GateResult): string {
  const lines: string[] = [];
  const verdict = result.passed ? "PASSED" : "BLOCKED";
  lines.push(`## Plan gate: ${verdict}${result.stack ? ` · ${result.stack}` : ""}`, "");
  const version = result.terraformVersion ? `Terraform ${result.terraformVersion}, ` : "";
  const state = result.errored
    ? "errored"
    : !result.applyable
      ? "nothing to apply"
      : result.complete
        ? "complete"
        : "incomplete (changes deferred)";
  lines.push(`\`${result.planFile}\` (${version}plan format ${result.formatVersion}): ${state}.`, "");

  lines.push(
    `| ${ACTION_KINDS.join(" | ")} |`,
    `|${ACTION_KINDS.map(() => "---:").join("|")}|`,
    `| ${ACTION_KINDS.map((k) => result.counts[k]).join(" | ")} |`,
    "",
  );
  lines.push(...changeTable(result.changes), ...outputTable(result.outputs));

  lines.push(`### Findings: ${result.blocking.length} blocking`, "");
  if (result.blocking.length === 0) lines.push("None.");
  lines.push(...listed(result.blocking, (f) => [...findingLines(f), overrideLine(f)]), "");
  const first = result.blocking.find((f) => RULE_OVERRIDES[f.rule].includes("allow-list"));
  if (first) lines.push(...overrideHelp(first, result), "");

  lines.push(`### Allowed overrides: ${result.overridden.length}`, "");
  if (result.overridden.length === 0) lines.push("None.");
  lines.push(
    ...listed(result.overridden, ({ finding, override }) => [...findingLines(finding), `  - allowed by ${overrideText(override)}`]),
    "",
  );

  if (result.expiredEntries.length > 0 || result.unusedEntries.length > 0) {
    lines.push("### Allow-list housekeeping", "");
    for (const e of result.expiredEntries) lines.push(`- expired, ignored: ${entryText(e)}; remove it or renew it with a new review`);
    // An unused entry beside a blocked finding of a near-identical address is most likely a typo.
    const blocked = result.blocking.filter((f) => RULE_OVERRIDES[f.rule].includes("allow-list")).map((f) => f.address);
    for (const e of result.unusedEntries) {
      const guess = closest(e.address, blocked);
      lines.push(`- unused in this plan: ${entryText(e)}${guess ? `; did you mean \`${guess}\` (blocked above)?` : ""}`);
    }
    lines.push("");
  }

  if (result.drift.length > 0) {
    const byKind = countBy(result.drift.map((d) => d.kind));
    lines.push(`### Drift: ${result.drift.length} resources changed outside Terraform (not blocking)`, "");
    lines.push(
      Object.entries(byKind)
        .map(([kind, n]) => `${kind}: ${n}`)
        .join(", "),
      "",
    );
    lines.push(...listed(result.drift, (d) => [`- \`${d.address}\` ${d.kind}`]), "");
  }
  if (result.deferred.length > 0) {
    lines.push(`### Deferred: ${result.deferred.length} changes postponed to a later plan (not judged here)`, "");
    lines.push(...listed(result.deferred, (d) => [`- \`${d.address}\` ${d.actions.join(", ")} (${d.reason})`]), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function findingLines(f: Finding): string[] {
  const head =
    f.address === PLAN_ADDRESS ? `- **${f.rule}**: ${RULE_TITLES[f.rule]}` : `- **${f.rule}** \`${f.address}\`: ${RULE_TITLES[f.rule]}`;
  const details: string[] = [];
  if (f.actions.length > 0) {
    const order = replacementOrder(f.actions);
    details.push(`actions: ${f.actions.join(", ")}${order ? ` (${order})` : ""}`);
  }
  if (f.actionReason) details.push(`reason: ${f.actionReason}`);
  if (f.loses) details.push(`loses: ${f.loses}`);
  if (f.replacePaths && f.replacePaths.length > 0)
    details.push(`replace paths: ${f.replacePaths.map((p) => `\`${formatPath(p)}\``).join(", ")}`);
  const lines = [head];
  if (details.length > 0) lines.push(`  - ${details.join("; ")}`);
  for (const p of f.protections ?? []) {
    const after = p.unknown ? "(known after apply)" : JSON.stringify(p.after ?? null);
    lines.push(`  - ${p.protection.meaning}: \`${p.protection.attribute}\` ${JSON.stringify(p.before)} → ${after}`);
  }
  return lines;
}

/** `tags["team"]`, `ingress[0].cidr_blocks`: the way Terraform prints attribute paths. */
export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((step, i) =>
      typeof step === "number" ? `[${step}]` : /^[A-Za-z_][\w-]*$/.test(step) ? (i === 0 ? step : `.${step}`) : `[${JSON.stringify(step)}]`,
    )
    .join("");
}

function overrideText(o: Override): string {
  return `allow-list entry ${entryText(o.entry)}`;
}

function entryText(e: AllowEntry): string {
  return (
    `#${e.index} \`${e.environment}\` \`${e.stack}\` \`${e.address}\` (approved by @${e.approver}, expires ${e.expires}): ` +
    `"${e.reason.replace(/\s+/g, " ")}"`
  );
}

function overrideLine(f: Finding): string {
  return RULE_OVERRIDES[f.rule].includes("allow-list")
    ? `  - override: an entry in \`${ALLOW_LIST_FILE}\` for this environment, stack and address \`${f.address}\` (below)`
    : "  - no override: fix the cause and plan again";
}

/** Exactly how to let a blocked finding through: the entry to add, filled in. */
function overrideHelp(f: Finding, result: GateResult): string[] {
  const latest = utcDay(new Date(Date.parse(`${result.today}T00:00:00Z`) + MAX_ENTRY_DAYS * 86_400_000));
  return [
    `To let a finding through, add to \`${ALLOW_LIST_FILE}\` in the pull request (CODEOWNERS review; the approver must approve ` +
      `the pull request), one entry per address:`,
    "",
    "```yaml",
    "allow:",
    `  - environment: ${result.environment ?? "<environment>"}`,
    `    stack: ${result.stack ?? "<stack>"}`,
    `    address: ${f.address}`,
    "    reason: <what changes, why losing it is safe, where it was agreed (ticket)>",
    "    approver: <GitHub login of the reviewer who approves>",
    `    expires: <a date no later than ${latest}>`,
    "```",
  ];
}

const ACTION_LABELS: Record<ChangeRow["action"], string> = {
  create: "create",
  update: "update",
  replace: "**replace**",
  delete: "**delete**",
  forget: "**forget**",
  "no-op": "no-op",
  read: "read",
  move: "move",
  import: "import",
};

function changeTable(changes: readonly ChangeRow[]): string[] {
  if (changes.length === 0) return ["No resource changes.", ""];
  const rows = changes.slice(0, MAX_LISTED).map((c) => `| ${ACTION_LABELS[c.action]} | \`${c.address}\` | ${changeDetail(c)} |`);
  if (changes.length > MAX_LISTED) rows.push(`| … | ${changes.length - MAX_LISTED} more | see the plan |`);
  return collapsed(`${changes.length} resource change(s)`, ["| action | resource | detail |", "|---|---|---|", ...rows]);
}

function changeDetail(c: ChangeRow): string {
  const parts: string[] = [];
  if (c.previousAddress) parts.push(`moved from \`${c.previousAddress}\``);
  if (c.importId !== undefined) parts.push(`import id \`${c.importId}\``);
  if (c.replacePaths && c.replacePaths.length > 0) parts.push(`forced by ${c.replacePaths.map((p) => `\`${formatPath(p)}\``).join(", ")}`);
  if (c.changedAttributes && c.changedAttributes.length > 0)
    parts.push(
      c.changedAttributes
        .slice(0, 8)
        .map((a) => `\`${a}\``)
        .join(", ") + (c.changedAttributes.length > 8 ? ", …" : ""),
    );
  return parts.join("; ");
}

function outputTable(outputs: readonly { name: string; action: string }[]): string[] {
  if (outputs.length === 0) return [];
  return collapsed(`${outputs.length} output change(s)`, [
    "| output | change |",
    "|---|---|",
    ...outputs.map((o) => `| \`${o.name}\` | ${o.action} |`),
  ]);
}

function collapsed(summary: string, table: string[]): string[] {
  if (table.length - 2 <= COLLAPSE_ROWS) return [`**${summary}**`, "", ...table, ""];
  return [`<details><summary>${summary}</summary>`, "", ...table, "", "</details>", ""];
}

function listed<T>(items: readonly T[], render: (item: T) => string[]): string[] {
  const lines = items.slice(0, MAX_LISTED).flatMap(render);
  if (items.length > MAX_LISTED) lines.push(`- … and ${items.length - MAX_LISTED} more`);
  return lines;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
