/**
 * Strict flags for the tool scripts: an unknown flag, a missing value or a stray argument prints
 * one line naming it (with a "did you mean" where a flag is close) and the usage, and exits 2 —
 * never node's stack trace from `parseArgs`.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { closest } from "./config/errors";

export const EXIT_USAGE = 2;

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed flags, or the one-line problem when the arguments do not fit `options`. */
export function parseToolArgs<O extends Options>(argv: readonly string[], options: O, positionals = 0) {
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals > 0 });
    if (parsed.positionals.length !== positionals)
      return { problem: `expected ${positionals} argument${positionals === 1 ? "" : "s"}, got ${parsed.positionals.length}` };
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    const flag = /'(--?[\w-]+)/.exec(message)?.[1];
    const hint = flag ? closest(flag.replace(/^-+/, ""), Object.keys(options)) : undefined;
    return { problem: `${message}${hint && `--${hint}` !== flag ? ` (did you mean --${hint}?)` : ""}` };
  }
}

/** `parseToolArgs` for a script's entry point: on a problem, prints it and the usage and exits 2. */
export function toolArgs<O extends Options>(options: O, usage: string, positionals = 0) {
  const parsed = parseToolArgs(process.argv.slice(2), options, positionals);
  if (parsed.problem !== undefined) {
    console.error(`${parsed.problem}\n${usage}`);
    process.exit(EXIT_USAGE);
  }
  return { values: parsed.values!, positionals: parsed.positionals! };
}
