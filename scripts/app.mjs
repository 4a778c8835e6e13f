// The synthesis command (cdktf.json's app, `npm run synth`). Runs the prebuilt bundle
// dist/main.js, rebuilding it first only when a source file is newer, so an edit is never
// synthesized stale and an unchanged tree pays no build or typecheck cost. A rebuild is preceded
// by an incremental typecheck (scripts/typecheck.mjs). The bundle is compiled with a
// V8 code cache kept beside it (dist/main.js.cache): parsing and compiling 4 MB of JavaScript
// is otherwise a large share of a synthesis. V8 rejects a cache that does not match the source
// or the Node version, and the cache is then rewritten.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BUNDLE = join(ROOT, "dist", "main.js");
const CODE_CACHE = `${BUNDLE}.cache`;
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

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

const bundleTime = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
if (SOURCES.some((source) => newestMtime(source) > bundleTime)) {
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
}

const cachedData =
  existsSync(CODE_CACHE) && statSync(CODE_CACHE).mtimeMs >= statSync(BUNDLE).mtimeMs ? readFileSync(CODE_CACHE) : undefined;
const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, "utf8")), { filename: BUNDLE, cachedData });
if (!cachedData || script.cachedDataRejected) {
  // Written after the run, so the cache also holds the functions synthesis compiled lazily.
  process.on("exit", () => writeFileSync(CODE_CACHE, script.createCachedData()));
}
const bundleModule = { exports: {} };
script.runInThisContext().call(bundleModule.exports, bundleModule.exports, createRequire(BUNDLE), bundleModule, BUNDLE, dirname(BUNDLE));
