// esbuild bundle of main.ts: node then loads one file instead of hundreds of modules, which
// keeps synthesis near the cost of loading cdktf itself.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PATCHES = join(dirname(fileURLToPath(import.meta.url)), "bundle-patches");

/**
 * cdktf records a full, unlimited-depth stack trace for every token it creates, only to
 * decorate error messages; formatting them took about a fifth of synthesis. The bundle swaps
 * that module for one that records nothing. Output is unchanged (a test compares it with
 * in-process synthesis); tests and `cdktf` from source keep the original.
 */
const skipTokenStackTraces = {
  name: "skip-token-stack-traces",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: `exports.captureStackTrace = () => ["stack trace not recorded in the bundled synthesis (scripts/bundle.mjs)"];`,
      loader: "js",
    }));
  },
};

/**
 * cdktf's token resolution walks every value of every stack three times and allocates closures
 * and path copies for each; it was the largest single cost of synthesis. The bundle renames it
 * and puts a walk in front that passes token-free values straight through
 * (bundle-patches/fast-resolve.js). Pinned to the cdktf version it was written against.
 */
const fastTokenResolve = {
  name: "fast-token-resolve",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]resolve\.js$/ }, ({ path }) => {
      const version = JSON.parse(readFileSync(join(path, "../../../../package.json"), "utf8")).version;
      if (version !== "0.21.0") throw new Error(`bundle-patches/fast-resolve.js was written for cdktf 0.21.0, not ${version}: review it`);
      const original = readFileSync(path, "utf8");
      const renamed = original.replace("function resolve(obj, options) {", "function tokenResolve(obj, options) {");
      if (renamed === original) throw new Error(`cdktf's resolve() not found in ${path}`);
      return { contents: `${renamed}\n${readFileSync(join(PATCHES, "fast-resolve.js"), "utf8")}`, loader: "js" };
    });
  },
};

/**
 * cdktf writes each stack's JSON through json-stable-stringify, a generic walk that was a tenth
 * of synthesis; the bundle puts a direct one in front for cdktf's options
 * (bundle-patches/fast-stable-stringify.js), byte-identical output.
 */
const fastStableStringify = {
  name: "fast-stable-stringify",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /json-stable-stringify[\\/]index\.js$/ }, ({ path }) => {
      const version = JSON.parse(readFileSync(join(path, "../package.json"), "utf8")).version;
      if (version !== "1.3.0")
        throw new Error(`bundle-patches/fast-stable-stringify.js was written for json-stable-stringify 1.3.0, not ${version}`);
      const original = readFileSync(path, "utf8");
      const renamed = original.replace(
        "module.exports = function stableStringify(obj) {",
        "const stableStringifyInJs = function stableStringify(obj) {",
      );
      if (renamed === original) throw new Error(`json-stable-stringify's export not found in ${path}`);
      return { contents: `${renamed}\n${readFileSync(join(PATCHES, "fast-stable-stringify.js"), "utf8")}`, loader: "js" };
    });
  },
};

/** Bundles `<root>/<entry>` (main.ts: the synthesis program) into `outfile`. */
export async function bundle(outfile, root = ".", entry = "main.ts") {
  await build({
    absWorkingDir: resolve(root),
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    // Whitespace and syntax only: identifiers (and so class and function names) stay as written.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [skipTokenStackTraces, fastTokenResolve, fastStableStringify],
    logLevel: "warning",
  });
}
