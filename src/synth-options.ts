/**
 * The synthesis command's flags, parsed strictly: an unknown flag, a flag missing its value, or
 * an `--only` that selects no environment file is a usage error (exit 2) found before anything
 * is written, so `cdktf.out/` stays as it was.
 */
import { existsSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { closest } from "./problems";

export const USAGE = "usage: main [--only <env>[,<env>…]] [--environments <dir>] [--releases <dir>] [--quiet]";
/** Exit code of a usage error, as shells and getopt use it; configuration errors exit 1. */
export const USAGE_EXIT_CODE = 2;

export interface SynthOptions {
  readonly environmentsDir: string;
  readonly releasesDir?: string;
  readonly only?: string[];
  readonly quiet: boolean;
}

/** Thrown for a command line the program cannot act on; its message says what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

const FLAGS = {
  only: { type: "string" },
  environments: { type: "string" },
  releases: { type: "string" },
  quiet: { type: "boolean" },
} as const;

export function parseSynthOptions(argv: readonly string[]): SynthOptions {
  let values: { only?: string; environments?: string; releases?: string; quiet?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    const flag = /'(--?[\w-]+)/.exec((error as Error).message)?.[1];
    const suggestion = flag ? closest(flag.replace(/^-+/, ""), Object.keys(FLAGS)) : undefined;
    throw new UsageError(`${(error as Error).message.split("\n")[0]}${suggestion ? ` (did you mean --${suggestion}?)` : ""}`);
  }
  for (const name of ["only", "environments", "releases"] as const) {
    const value = values[name];
    if (value !== undefined && (value === "" || value.startsWith("-")))
      throw new UsageError(`--${name} needs a value, got ${JSON.stringify(value)}`);
  }
  const environmentsDir = values.environments ?? "environments";
  const only = values.only?.split(",").map((s) => s.trim());
  if (only) {
    if (only.some((name) => name === "")) throw new UsageError(`--only has an empty environment name in ${JSON.stringify(values.only)}`);
    const available = existsSync(environmentsDir)
      ? readdirSync(environmentsDir)
          .filter((f) => /\.ya?ml$/.test(f))
          .map((f) => f.replace(/\.ya?ml$/, ""))
      : [];
    const unknown = only.filter((name) => !available.includes(name));
    if (unknown.length > 0) {
      const hints = unknown.map((name) => closest(name, available)).filter(Boolean);
      throw new UsageError(
        `--only selects no environment file for ${unknown.join(", ")} in ${environmentsDir}/ (there are: ` +
          `${available.join(", ") || "none"})${hints.length ? `; did you mean ${hints.join(", ")}?` : ""}`,
      );
    }
  }
  return { environmentsDir, releasesDir: values.releases, only, quiet: values.quiet ?? false };
}
