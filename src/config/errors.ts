/**
 * Configuration problems and how they are printed. Every problem carries the file, the field
 * path, the value that was given, what is allowed and how to fix it.
 */

export interface ConfigProblem {
  /** File the problem is in, relative to the working directory. */
  readonly file: string;
  /** 1-based line and column of the offending value, when the YAML has one. */
  readonly line?: number;
  readonly column?: number;
  /** Dotted field path such as `database.backupRetentionDays` or `network.availabilityZones[2]`. */
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

/** Thrown when configuration is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = "ConfigError";
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

const MAX_VALUE_LENGTH = 100;

export function formatValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  const files = new Set(problems.map((p) => p.file));
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = [`Invalid configuration: ${count} in ${files.size === 1 ? "1 file" : `${files.size} files`}. Nothing was synthesized.`];
  for (const p of problems) {
    const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
    lines.push("", `${where}  ${p.path || "(whole file)"}`);
    lines.push(`  problem: ${p.message}`);
    lines.push(`  value:   ${formatValue(p.value)}`);
    lines.push(`  allowed: ${p.allowed}`);
    lines.push(`  fix:     ${p.fix}`);
  }
  return lines.join("\n");
}

/**
 * The closest candidate by edit distance (case-insensitive), if it is close enough to be a likely
 * typo: the one "did you mean" helper of config errors, tool flags and Helm values checks.
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
