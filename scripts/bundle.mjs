// esbuild bundle of main.ts: node then loads one file instead of hundreds of modules, which
// keeps synthesis near the cost of loading cdktf itself.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
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

/** A node's path and each key's snake_case form, computed once each. */
const cachedNodePath = patchModule({
  name: "cached-node-path",
  filter: /constructs[\\/]lib[\\/]construct\.js$/,
  packageJson: "../../package.json",
  version: "10.4.5",
  find: "    get path() {",
  replace: "    get uncachedPath() {",
  patch: "cached-node-path.js",
});
const cachedSnakeCase = patchModule({
  name: "cached-snake-case",
  filter: /cdktf[\\/]lib[\\/]util\.js$/,
  packageJson: "../../package.json",
  version: "0.21.0",
  find: "function snakeCase(str) {",
  replace: "function uncachedSnakeCase(str) {",
  patch: "cached-snake-case.js",
});

/**
 * cdktf requires archiver (with glob and the stream libraries under it) at load, only to zip
 * ARCHIVE assets, which this platform never makes: the bundle requires it on first use instead.
 */
const lazyArchiver = {
  name: "lazy-archiver",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /cdktf[\\/]lib[\\/]private[\\/]fs\.js$/ }, ({ path }) => {
      const eager = 'const archiver = require("archiver");';
      const original = readFileSync(path, "utf8");
      if (!original.includes(eager)) throw new Error(`${eager} not found in ${path}: review the lazy-archiver plugin`);
      const lazy = 'let archiverModule; const archiver = (...args) => (archiverModule ??= require("archiver"))(...args);';
      return { contents: original.replace(eager, lazy), loader: "js" };
    });
  },
};

/**
 * esbuild's interop helpers copy a module's exports onto a new object of getters on every use:
 * `__toESM` for each ES module that imports a CommonJS one (cdktf's and the providers' hundreds
 * of exports, about 270 imports), `__toCommonJS` for each `require` of an ES module (tslib's
 * exports, once for each of the Grafana SDK's 235 files). A CommonJS module marked `__esModule`
 * (what TypeScript emits) already has the shape an import expects, so it is used as it is, and
 * an ES module's CommonJS view is made once, as Node's own `require` returns one exports object.
 * The new helpers are padded to the old ones' length, so the source map holds.
 */
export function useEsModulesAsIs(code) {
  const helpers =
    /var __toESM=\((\w+),(\w+),(\w+)\)=>\(\3=\1!=null\?__create\(__getProtoOf\(\1\)\):\{\},__copyProps\(\2\|\|!\1\|\|!\1\.__esModule\?__defProp\(\3,"default",\{value:\1,enumerable:!0\}\):\3,\1\)\)(,__toCommonJS=(\w+)=>__copyProps\(__defProp\(\{\},"__esModule",\{value:!0\}\),\5\))?;/;
  const found = code.match(helpers);
  if (!found) throw new Error("esbuild's __toESM helper has changed: review useEsModulesAsIs in scripts/bundle.mjs");
  // In the fallback, `n || !m || !m.__esModule` always holds, so esbuild's default export is kept unconditionally.
  const toEsm =
    'var __toESM=(m,n,t)=>!n&&m?.__esModule?m:(t=m!=null?__create(__getProtoOf(m)):{},__copyProps(__defProp(t,"default",{value:m,enumerable:!0}),m))';
  const toCommonJs =
    ',__cjsViews=new WeakMap,__toCommonJS=m=>__cjsViews.get(m)??__cjsViews.set(m,__copyProps(__defProp({},"__esModule",{value:!0}),m)).get(m)';
  const replacement = `${toEsm}${found[4] ? toCommonJs : ""};`;
  if (replacement.length > found[0].length) throw new Error("useEsModulesAsIs: the new helpers are longer than esbuild's");
  return code.replace(helpers, replacement.padEnd(found[0].length, " "));
}

/** Writes a file aside and renames it into place, so a concurrent reader never sees half of it. */
function writeAtomically(path, contents) {
  writeFileSync(`${path}.${process.pid}`, contents);
  renameSync(`${path}.${process.pid}`, path);
}

/** Bundles `<root>/<entry>` (main.ts: the synthesis program) into `outfile`, with its source map beside it. */
export async function bundle(outfile, root = ".", entry = "main.ts") {
  const { outputFiles } = await build({
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
    plugins: [skipTokenStackTraces, fastTokenResolve, fastStableStringify, cachedNodePath, cachedSnakeCase, lazyArchiver],
    logLevel: "warning",
    write: false,
  });
  const code = outputFiles.find((file) => file.path.endsWith(".js"));
  const map = outputFiles.find((file) => file.path.endsWith(".js.map"));
  mkdirSync(dirname(code.path), { recursive: true });
  // The map first: a reader of the new bundle finds the map that belongs to it.
  writeAtomically(map.path, map.contents);
  writeAtomically(code.path, useEsModulesAsIs(code.text));
}
