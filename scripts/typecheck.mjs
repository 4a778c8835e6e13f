// Type-checks TypeScript projects with `tsc --build`: its build info (under node_modules/.cache)
// lets it skip a project none of whose inputs changed, and re-check only what an edit affects.
// `npm run typecheck` runs it on the whole tree; the app command, on the synthesis sources
// (tsconfig.synth.json) before it rebuilds its bundle, as esbuild strips types without checking.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** A project's config files, its own first, then those it extends (relative paths only). */
function configChain(config) {
  const json = JSON.parse(readFileSync(config, "utf8"));
  return [{ config, json }, ...(json.extends?.startsWith(".") ? configChain(resolve(dirname(config), json.extends)) : [])];
}

/** Where a project's build info is: its own `tsBuildInfoFile`, else tsc's default beside the config. */
function buildInfoOf(chain) {
  const defining = chain.find(({ json }) => json.compilerOptions?.tsBuildInfoFile);
  if (!defining) return chain[0].config.replace(/\.json$/, ".tsbuildinfo");
  return resolve(dirname(defining.config), defining.json.compilerOptions.tsBuildInfoFile);
}

/**
 * Checks the projects (tsconfig files, relative to `root`). Returns the compiler's messages, or
 * undefined when they are clean.
 */
export function typecheck(root, projects = ["tsconfig.synth.json"]) {
  const configs = projects.map((project) => resolve(root, project));
  const started = new Date();
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "--build", ...configs, "--pretty", "false"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) return (result.stdout + result.stderr).trim() || `tsc exited with status ${result.status}`;
  // A build that finds nothing to change does not rewrite the build info, so a config file newer
  // than it (after a checkout) would make every later build re-check everything. Marked clean as
  // of the start of this build: a file edited since is still newer and is checked next time.
  for (const chain of configs.map(configChain)) {
    const buildInfo = statSync(buildInfoOf(chain), { throwIfNoEntry: false });
    const configTime = Math.max(...chain.map(({ config }) => statSync(config).mtimeMs));
    if (buildInfo && buildInfo.mtimeMs < configTime) utimesSync(buildInfoOf(chain), started, started);
  }
  return undefined;
}

// `node scripts/typecheck.mjs <tsconfig>…` (npm run typecheck).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const projects = process.argv.slice(2);
  // A flag would reach tsc --build as one of its own (--force, --clean): only project paths.
  const flag = projects.find((project) => project.startsWith("-"));
  if (projects.length === 0 || flag) {
    console.error(`${flag ? `Unknown option '${flag}'\n` : ""}usage: node scripts/${basename(process.argv[1])} <tsconfig.json>…`);
    process.exit(2);
  }
  const errors = typecheck(process.cwd(), projects);
  if (errors) {
    console.error(errors);
    process.exit(1);
  }
}
