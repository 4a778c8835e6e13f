/**
 * Strict flags for the tool scripts: an unknown flag, a missing value or a stray argument prints
 * one line naming it (with a "did you mean" where a flag is close) and the usage, and exits 2 —
 * never node's stack trace from `parseArgs`. An environment name that selects no file in
 * `environments/` is the same kind of mistake, reported with the names that exist.
 */
import { existsSync, readdirSync } from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { closest } from "./problems";

export const EXIT_USAGE = 2;

type Options = NonNullable<ParseArgsConfig["options"]>;
/** How many positional arguments a script takes: exactly n, or from min to max (max may be Infinity). */
export type PositionalCount = number | readonly [min: number, max: number];

function countProblem(count: PositionalCount, got: number): string | undefined {
  const [min, max] = typeof count === "number" ? [count, count] : count;
  if (got >= min && got <= max) return undefined;
  const expected =
    min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
  return `expected ${expected} argument${/(^| )1$/.test(expected) ? "" : "s"}, got ${got}`;
}

/** The parsed flags, or the one-line problem when the arguments do not fit `options`. */
export function parseToolArgs<O extends Options>(argv: readonly string[], options: O, positionals: PositionalCount = 0) {
  const allowPositionals = typeof positionals === "number" ? positionals > 0 : positionals[1] > 0;
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    const problem = countProblem(positionals, parsed.positionals.length);
    if (problem !== undefined) return { problem };
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    // Node adds a hint about `--` to an unknown option, which helps nobody who mistyped a flag.
    const message = (error as Error).message.split("\n")[0]!.replace(/^(Unknown option '[^']*')\..*/, "$1");
    const flag = /'(--?[\w-]+)/.exec(message)?.[1];
    const hint = flag ? closest(flag.replace(/^-+/, ""), Object.keys(options)) : undefined;
    return { problem: `${message}${hint && `--${hint}` !== flag ? ` (did you mean --${hint}?)` : ""}` };
  }
}

/** Prints a usage problem and the usage, and exits 2. */
export function usageExit(problem: string, usage: string, exitCode = EXIT_USAGE): never {
  console.error(`${problem}\n${usage}`);
  process.exit(exitCode);
}

/** `parseToolArgs` for a script's entry point: on a problem, prints it and the usage and exits 2 (or `exitCode`). */
export function toolArgs<O extends Options>(options: O, usage: string, positionals: PositionalCount = 0, exitCode = EXIT_USAGE) {
  const parsed = parseToolArgs(process.argv.slice(2), options, positionals);
  if (parsed.problem !== undefined) usageExit(parsed.problem, usage, exitCode);
  return { values: parsed.values!, positionals: parsed.positionals! };
}

/** The environments `dir` holds: one `<name>.yaml` (or `.yml`) each, sorted. */
export function environmentNames(dir = "environments"): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
}

/** The problem with `names` as environment names in `dir`, naming the ones that exist; undefined when all exist. */
export function unknownEnvironmentProblem(names: readonly string[], dir = "environments"): string | undefined {
  const available = environmentNames(dir);
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length === 0) return undefined;
  const hint = unknown.length === 1 ? closest(unknown[0]!, available) : undefined;
  return (
    `no environment ${unknown.map((n) => JSON.stringify(n)).join(", ")} in ${dir}/ ` +
    `(environments: ${available.join(", ") || "none"})${hint ? ` (did you mean ${hint}?)` : ""}`
  );
}

/** Exits 2 with the usage when a name is not an environment in `dir`. */
export function requireEnvironments(names: readonly string[], usage: string, dir = "environments", exitCode = EXIT_USAGE): void {
  const problem = unknownEnvironmentProblem(names, dir);
  if (problem !== undefined) usageExit(problem, usage, exitCode);
}
