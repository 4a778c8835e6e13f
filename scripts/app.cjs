// The synthesis command (cdktf.json's app, `npm run synth`). Runs the prebuilt bundle
// dist/main.js, rebuilding it first only when a source file is newer, so an edit is never
// synthesized stale and an unchanged tree pays no build or typecheck cost. A rebuild is preceded
// by an incremental typecheck (scripts/typecheck.mjs). The bundle is compiled with a
// V8 code cache kept beside it (dist/main.js.<node flags>.cache): parsing and compiling 6 MB of
// JavaScript is otherwise a large share of a synthesis. V8 rejects a cache that does not match
// the source, the Node version or the flags, and the cache is then rewritten; keeping one per set
// of flags means `node scripts/app.cjs` and the app command (which runs node with its own flags,
// see README "Performance") never overwrite each other's.
//
// CommonJS, not an ES module: Node starts a CommonJS entry point measurably sooner, and this
// command's fixed cost is what every synthesis pays.
const { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join, relative } = require("node:path");
const vm = require("node:vm");

const ROOT = dirname(__dirname);
const BUNDLE = join(ROOT, "dist", "main.js");
const FLAGS = process.execArgv.join("_").replace(/[^\w=.-]+/g, "");
const CODE_CACHE = `${BUNDLE}${FLAGS ? `.${FLAGS}` : ""}.cache`;
/** Present while the code cache was written by a run of some environments only. */
const PARTIAL_CACHE = `${CODE_CACHE}.partial`;
const SOURCES = [
  "main.ts",
  "src",
  "stacks",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.synth.json",
  "scripts/bundle.mjs",
  "scripts/bundle-patches",
].map((source) => join(ROOT, source));

/**
 * Every file and folder under SOURCES when the bundle was built (relative to ROOT). An edit
 * changes a file's time, and adding, removing or renaming a file changes its folder's, so
 * checking the listed times tells as much as walking the tree again, for a third of its cost.
 */
const SOURCE_LIST = `${BUNDLE}.sources.json`;

function listSources(path, paths) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return paths;
  paths.push(relative(ROOT, path));
  if (stat.isDirectory()) for (const entry of readdirSync(path)) listSources(join(path, entry), paths);
  return paths;
}

function changedSince(time) {
  const newer = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return !stat || stat.mtimeMs > time;
  };
  if (!existsSync(SOURCE_LIST)) return true;
  const built = JSON.parse(readFileSync(SOURCE_LIST, "utf8"));
  // A source that did not exist at build time and exists now is newer than the bundle.
  return built.some((path) => newer(join(ROOT, path))) || SOURCES.some((source) => existsSync(source) && newer(source));
}

/** Whether dist/main.js was built from the sources as they are now. */
function bundleIsCurrent() {
  const bundleStat = statSync(BUNDLE, { throwIfNoEntry: false });
  return bundleStat !== undefined && !changedSince(bundleStat.mtimeMs);
}

/** Rebuilds the bundle (after an incremental typecheck) when a source changed since it was built. */
async function rebuildIfChanged() {
  if (bundleIsCurrent()) return;
  const sources = SOURCES.reduce((paths, source) => listSources(source, paths), []);
  // A type error stops here, before the bundle is rebuilt, so the next run checks again.
  const { typecheck } = await import("./typecheck.mjs");
  const errors = typecheck(ROOT);
  if (errors) {
    console.error(`Type errors; nothing was synthesized.\n${errors}`);
    process.exit(1);
  }
  // Imported only here: loading esbuild costs more than a tenth of a synthesis.
  const { bundle } = await import("./bundle.mjs");
  await bundle(BUNDLE, ROOT);
  writeFileSync(SOURCE_LIST, JSON.stringify(sources));
}

/** Runs the bundle from a V8 code cache, rewriting the cache when V8 rejects it. */
function run() {
  const cachedData =
    existsSync(CODE_CACHE) && statSync(CODE_CACHE).mtimeMs >= statSync(BUNDLE).mtimeMs ? readFileSync(CODE_CACHE) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, "utf8")), { filename: BUNDLE, cachedData });
  // Written after the run, so the cache also holds the functions synthesis compiled lazily. A
  // cache from an `--only` run lacks what other environments use: the next full run replaces it.
  const partialRun = process.argv.some((arg) => arg === "--only" || arg.startsWith("--only="));
  if (!cachedData || script.cachedDataRejected || (existsSync(PARTIAL_CACHE) && !partialRun)) {
    process.on("exit", () => {
      // Aside, then renamed: another synthesis may be reading the cache meanwhile.
      writeFileSync(`${CODE_CACHE}.${process.pid}`, script.createCachedData());
      renameSync(`${CODE_CACHE}.${process.pid}`, CODE_CACHE);
      if (partialRun) writeFileSync(PARTIAL_CACHE, "");
      else rmSync(PARTIAL_CACHE, { force: true });
    });
  }
  const bundleModule = { exports: {} };
  script
    .runInThisContext()
    .call(bundleModule.exports, bundleModule.exports, Module.createRequire(BUNDLE), bundleModule, BUNDLE, dirname(BUNDLE));
}

// The test suite reuses a current bundle instead of building its own (test/setup/synthesis-bundle.ts).
module.exports = { BUNDLE, bundleIsCurrent };
if (require.main === module) rebuildIfChanged().then(run);
