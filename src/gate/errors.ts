/**
 * Input problems (unreadable plan, invalid allow-list) and how they are printed: the file, the
 * entry and field, the value given, what is allowed and how to fix it. They exit with code 2,
 * distinct from a blocked plan.
 */

export interface InputProblem {
  /** File the problem is in, as given on the command line. */
  readonly file: string;
  /** 1-based line of the offending value, when the file has lines (YAML). */
  readonly line?: number;
  /** Field path such as `allow[2].expires`; empty for the whole file. */
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

export class GateInputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(formatInputProblems(problems));
    this.name = "GateInputError";
  }
}

/** Values longer than this are cut in messages, so a huge plan fragment does not flood the log. */
const MAX_VALUE_LENGTH = 100;

export function formatInputValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export function formatInputProblems(problems: readonly InputProblem[]): string {
  const lines = [`Plan gate input error: ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}. Nothing was evaluated.`];
  for (const p of problems) {
    lines.push("", `${p.line ? `${p.file}:${p.line}` : p.file}  ${p.field || "(whole file)"}`);
    lines.push(`  problem: ${p.message}`);
    lines.push(`  value:   ${formatInputValue(p.value)}`);
    lines.push(`  allowed: ${p.allowed}`);
    lines.push(`  fix:     ${p.fix}`);
  }
  return lines.join("\n");
}
