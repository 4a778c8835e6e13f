/**
 * Finds the project commands a runbook names and checks each against the repository: npm scripts
 * exist, paths exist, anchors name a heading, and the flags given to the project's own CLIs are
 * ones their parsers accept. Pure: the caller passes what the repository holds.
 */

export interface Repository {
  /** package.json `scripts`. */
  readonly npmScripts: Readonly<Record<string, string>>;
  readonly exists: (path: string) => boolean;
  readonly read: (path: string) => string;
  /** Executables installed under node_modules/.bin. */
  readonly bins: ReadonlySet<string>;
  /** The release CLI's verbs with their flags, and the flags every verb takes. */
  readonly releaseVerbs: Readonly<Record<string, readonly string[]>>;
  readonly releaseCommonFlags: readonly string[];
}

export interface CommandProblem {
  readonly file: string;
  readonly command: string;
  readonly problem: string;
}

// Where a command ends inside markdown or shell: a code span's end, a comment, a pipe, a subshell's end.
const END = String.raw`(?=$|\`|\s#|\)|;|&&|\|)`;
const NPM_RUN = new RegExp(String.raw`npm run (?:-s |--silent )?([a-z][\w:-]*)((?:(?!${END}).)*)`, "gm");
const PROJECT_PATH = /(?<![\w./-])((?:scripts|src|runbooks|stacks|environments|releases|locks|load)\/[\w./-]*[\w/])(#[\w-]+)?/g;
const NPX = new RegExp(`npx ((?:(?!${END}).)*)`, "gm");
const TERRAFORM_SH = new RegExp(String.raw`scripts/ci/terraform\.sh((?:(?!${END}).)*)`, "gm");
const RUN_TS = new RegExp(String.raw`node scripts/run-ts\.mjs (scripts/[\w./-]+\.ts)((?:(?!${END}).)*)`, "gm");

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** Flags a TypeScript CLI accepts: its `parseArgs` option keys and any `"--flag"` literal it tests for. */
export function acceptedFlags(source: string): Set<string> {
  const flags = new Set<string>();
  // A parseArgs options table inline, or a FLAGS constant passed to it.
  for (const block of [
    ...source.matchAll(/options:\s*\{([\s\S]*?)\}\s*,?\s*\}\s*\)/g),
    ...source.matchAll(/const FLAGS = \{([\s\S]*?)\} as const/g),
  ]) {
    for (const key of block[1]!.matchAll(/(?:"([a-z][\w-]*)"|\b([a-z][\w]*))\s*:\s*\{\s*type:/g)) flags.add(key[1] ?? key[2]!);
  }
  for (const literal of source.matchAll(/["'`]--([a-z][\w-]*)["'`]/g)) flags.add(literal[1]!);
  return flags;
}

/** The modes of a shell CLI: the arms of its `case "$mode" in` statement. */
export function shellModes(source: string): Set<string> {
  const body = source.slice(source.indexOf('case "$mode" in'), source.indexOf("esac"));
  const modes = new Set<string>();
  for (const arm of body.matchAll(/^\s{2}([a-z][a-z |-]*)\)/gm)) for (const mode of arm[1]!.split("|")) modes.add(mode.trim());
  return modes;
}

const words = (args: string) => args.trim().split(/\s+/).filter(Boolean);
const flagsIn = (args: string) =>
  words(args)
    .filter((w) => w.startsWith("--"))
    .map((w) => w.slice(2).split("=")[0]!);

/** The TypeScript entry point of an npm script run through the repository's runners, if any. */
function entryPoint(script: string): string | undefined {
  // The synthesis command's flags are parsed in src/synth-options.ts (main.ts calls it).
  if (/^node scripts\/app\.mjs\b/.test(script)) return "src/synth-options.ts";
  return /scripts\/run-ts\.mjs (scripts\/[\w./-]+\.ts)/.exec(script)?.[1];
}

export function checkRunbook(file: string, markdown: string, repo: Repository): CommandProblem[] {
  const problems: CommandProblem[] = [];
  const text = markdown.replace(/\\\n\s*/g, " "); // shell line continuations
  const report = (command: string, problem: string) => problems.push({ file, command: command.trim(), problem });

  for (const [command, name, rest] of text.matchAll(NPM_RUN)) {
    const script = repo.npmScripts[name!];
    if (script === undefined) {
      report(command, `no npm script "${name}" in package.json (scripts: ${Object.keys(repo.npmScripts).join(", ")})`);
      continue;
    }
    const args = rest!.trim().startsWith("--") ? rest!.trim().replace(/^--\s*/, "") : "";
    if (name === "release") {
      problems.push(...checkRelease(file, command, args, repo));
      continue;
    }
    const entry = entryPoint(script);
    const flags = flagsIn(args);
    if (!entry || flags.length === 0) continue;
    const accepted = acceptedFlags(repo.read(entry));
    for (const flag of flags)
      if (!accepted.has(flag))
        report(
          command,
          `npm run ${name} does not accept --${flag} (${entry} accepts ${[...accepted].map((f) => `--${f}`).join(", ") || "no flags"})`,
        );
  }

  for (const [command, args] of text.matchAll(TERRAFORM_SH)) {
    const [mode, environment, directory] = words(args!);
    if (mode === undefined) continue; // the script named in prose
    const modes = shellModes(repo.read("scripts/ci/terraform.sh"));
    if (!modes.has(mode)) report(command, `scripts/ci/terraform.sh has no mode "${mode}" (modes: ${[...modes].join(", ")})`);
    else if (environment === undefined || directory === undefined)
      report(command, "scripts/ci/terraform.sh needs <mode> <environment> <plans directory> [stack…]");
  }

  for (const [command, entry, args] of text.matchAll(RUN_TS)) {
    if (!repo.exists(entry!)) continue; // reported as a missing path below
    const accepted = acceptedFlags(repo.read(entry!));
    for (const flag of flagsIn(args!)) if (!accepted.has(flag)) report(command, `${entry} does not accept --${flag}`);
  }

  for (const [command, args] of text.matchAll(NPX)) {
    const tokens = words(args!);
    if (tokens[0] === "--package") {
      if (!/^(@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+$/.test(tokens[1] ?? ""))
        report(command, "npx --package needs an exact version (name@x.y.z): an unpinned tool runs whatever is newest");
    } else if (tokens[0] !== undefined && !repo.bins.has(tokens[0])) {
      report(command, `${tokens[0]} is not installed by package.json; pin it: npx --package <package>@<version> ${tokens[0]}`);
    }
  }

  for (const [reference, path, anchor] of text.matchAll(PROJECT_PATH)) {
    if (/[<$*]/.test(reference)) continue;
    // Environment and release files are data a runbook may tell the reader to create.
    if (/^(environments|releases)\/[^/]+\.yaml$/.test(path!)) continue;
    if (!repo.exists(path!)) {
      report(reference, `${path} does not exist`);
    } else if (anchor !== undefined && path!.endsWith(".md")) {
      const slugs = [...repo.read(path!).matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingSlug(m[1]!));
      if (!slugs.includes(anchor.slice(1))) report(reference, `${path} has no heading with anchor ${anchor}`);
    }
  }
  return problems;
}

function checkRelease(file: string, command: string, args: string, repo: Repository): CommandProblem[] {
  const [verb, environment, workload] = words(args).filter((w) => !w.startsWith("--"));
  const problem = (text: string) => [{ file, command: command.trim(), problem: text }];
  if (verb === undefined || verb.startsWith("<")) return [];
  const verbFlags = repo.releaseVerbs[verb];
  if (verbFlags === undefined)
    return problem(`the release CLI has no verb "${verb}" (verbs: ${Object.keys(repo.releaseVerbs).join(", ")})`);
  if (environment === undefined) return problem(`release ${verb} needs an environment`);
  if (verb !== "status" && workload === undefined) return problem(`release ${verb} needs a workload`);
  const accepted = new Set([...verbFlags, ...repo.releaseCommonFlags]);
  return flagsIn(args)
    .filter((f) => !accepted.has(f))
    .flatMap((f) => problem(`release ${verb} does not accept --${f} (it takes ${[...accepted].map((a) => `--${a}`).join(", ")})`));
}
