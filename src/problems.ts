/**
 * The one shape of a mistake a user can fix, and the one way it is printed. Configuration
 * files, construct preconditions, the policy pack, the budget and the plan gate all report
 * through here, so every mistake reads the same: where, what is wrong, the value, what is
 * allowed and how to fix it.
 */

export interface Problem {
  /** Where the problem is: a file relative to the working directory, or a stack or construct path for code. */
  readonly file?: string;
  /** 1-based line and column of the offending value, when the file has lines. */
  readonly line?: number;
  readonly column?: number;
  /** Dotted field path such as `database.backupRetentionDays` or `allow[2].expires`; empty for the whole file. */
  readonly path: string;
  /**
   * The value given. Leave the key out where no single value is at fault (a policy finding);
   * a key present with `undefined` prints as `(missing)`.
   */
  readonly value?: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

/**
 * An error made of problems a user can fix: its message is the formatted list, and entry points
 * print that message alone, never a stack trace. Subclasses say which step failed (and so which
 * exit code applies).
 */
export class ProblemError extends Error {
  constructor(
    title: string,
    readonly problems: readonly Problem[],
  ) {
    super(formatProblems(title, problems));
  }
}

/** `1 problem`, `3 problems`: counts in headings. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A heading line, then one block per problem. */
export function formatProblems(title: string, problems: readonly Problem[]): string {
  const lines = [title];
  for (const p of problems) {
    const where = p.file && p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ""}` : p.file;
    const path = p.path || "(whole file)";
    lines.push("", where ? `${where}  ${path}` : path);
    lines.push(`  problem: ${p.message}`);
    if ("value" in p) lines.push(`  value:   ${formatValue(p.value)}`);
    lines.push(`  allowed: ${p.allowed}`);
    lines.push(`  fix:     ${p.fix}`);
  }
  return lines.join("\n");
}

/** Values longer than this are cut, so a huge plan fragment or list does not flood the log. */
const MAX_VALUE_LENGTH = 100;

export function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** `["allow", 2, "expires"]` → `allow[2].expires`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

/**
 * The closest candidate by edit distance (case-insensitive), if it is close enough to be a likely
 * typo: the one "did you mean" helper of config errors, tool flags, the gate and Helm values checks.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
