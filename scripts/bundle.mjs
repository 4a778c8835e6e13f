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
 * A plugin that renames `find` to `replace` in one module of a pinned package version and appends
 * a patch file from bundle-patches/ that takes its place. Another version fails the build until
 * someone has reviewed the patch against it.
 */
function patchModule({ name, filter, packageJson, version, find, replace, patch }) {
  return {
    name,
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter }, ({ path }) => {
        const found = JSON.parse(readFileSync(join(path, packageJson), "utf8")).version;
        if (found !== version) throw new Error(`bundle-patches/${patch} was written for ${version}, not ${found}: review it`);
        const original = readFileSync(path, "utf8");
        const renamed = original.replace(find, replace);
        if (renamed === original) throw new Error(`${find} not found in ${path}`);
        return { contents: `${renamed}\n${readFileSync(join(PATCHES, patch), "utf8")}`, loader: "js" };
      });
    },
  };
}

/**
 * cdktf's token resolution walks every value of every stack twice and allocates closures
 * and path copies for each; it was the largest single cost of synthesis. A walk in front passes
 * token-free values straight through.
 */
const fastTokenResolve = patchModule({
  name: "fast-token-resolve",
  filter: /cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]resolve\.js$/,
  packageJson: "../../../../package.json",
  version: "0.21.0",
  find: "function resolve(obj, options) {",
  replace: "function tokenResolve(obj, options) {",
  patch: "fast-resolve.js",
});

/** cdktf writes each stack's JSON through json-stable-stringify's generic walk; a direct one, same bytes. */
const fastStableStringify = patchModule({
  name: "fast-stable-stringify",
  filter: /json-stable-stringify[\\/]index\.js$/,
  packageJson: "../package.json",
  version: "1.3.0",
  find: "module.exports = function stableStringify(obj) {",
  replace: "const stableStringifyInJs = function stableStringify(obj) {",
  patch: "fast-stable-stringify.js",
});

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
