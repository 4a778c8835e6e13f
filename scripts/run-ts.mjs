// Runs a TypeScript tool script: bundles it with esbuild, then requires the bundle. Arguments
// after the script path are passed through in process.argv. The bundle is kept in
// node_modules/.cache/sparki-tools/ with the size and modification time of every file it was
// built from, and reused while none of them changed: building costs more than most tools' work.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Packages stay external (loaded from node_modules), which keeps a rebuild quick, except two
 * kinds that are bundled in: ESM-only ones, which a CommonJS bundle cannot require on Node 20,
 * and the small pure-JavaScript parsers the pipeline's per-stack tools load (the gate runs once
 * for every stack), where resolving and compiling their files one by one cost a third of a run.
 */
const BUNDLED = /^(kubernetes-models|@kubernetes-models\/[^/]+|yaml|zod|js-yaml)(\/|$)/;
const externalUnlessBundled = {
  name: "external-unless-bundled",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <script.ts> [args…]");
  process.exit(2);
}
/** The project this runner belongs to (Node resolves a symlinked scripts/ to its real place). */
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/**
 * The script's real path: a workspace that links scripts/ from the project (the pipeline tests
 * do) shares the project's cached bundle instead of building and keeping one of its own.
 */
const script = realpathSync(resolve(entry));

/** `size:mtime` of a file, or undefined when it is gone. */
function fingerprint(path) {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  return `${stat.size}:${stat.mtimeMs}`;
}

function isFresh(outfile, inputsFile) {
  if (!existsSync(outfile) || !existsSync(inputsFile)) return false;
  const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  return Object.entries(inputs).every(([path, print]) => fingerprint(path) === print);
}

async function build(outfile, inputsFile) {
  // Imported only here: loading esbuild is a large share of a cached run.
  const { build: esbuild } = await import("esbuild");
  // Written aside and renamed into place: tests run tools concurrently.
  const partial = `${outfile}.${process.pid}`;
  const result = await esbuild({
    entryPoints: [script],
    outfile: partial,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    metafile: true,
    plugins: [externalUnlessBundled],
    logLevel: "warning",
  });
  // And the files that change how they are bundled or what the external packages are.
  const settings = [fileURLToPath(import.meta.url), join(ROOT, "tsconfig.json"), join(ROOT, "package-lock.json")];
  const sources = [...Object.keys(result.metafile.inputs).map((path) => resolve(path)), ...settings];
  const inputs = Object.fromEntries(sources.map((path) => [path, fingerprint(path)]));
  renameSync(partial, outfile);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
}

// Inside node_modules so the bundle's external packages resolve from the project.
const cacheDir = join(ROOT, "node_modules", ".cache", "sparki-tools");
mkdirSync(cacheDir, { recursive: true });
const key = createHash("sha256").update(script).digest("hex").slice(0, 16);
const outfile = join(cacheDir, `${key}.cjs`);
const inputsFile = join(cacheDir, `${key}.inputs.json`);
if (!isFresh(outfile, inputsFile)) await build(outfile, inputsFile);
process.argv = [process.argv[0], script, ...args];
createRequire(import.meta.url)(outfile);
