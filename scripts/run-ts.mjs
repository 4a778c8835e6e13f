// Runs a TypeScript tool script: bundles it with esbuild into a temporary file, then imports it.
// Arguments after the script path are passed through in process.argv.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * Packages stay external (loaded from node_modules) except ESM-only ones, which a CommonJS
 * bundle cannot require on Node 20: those are bundled in.
 */
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/)/;
const externalUnlessEsmOnly = {
  name: "external-unless-esm-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => (ESM_ONLY.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <script.ts> [args…]");
  process.exit(2);
}
// Inside node_modules so the bundle's external packages resolve from the project.
mkdirSync("node_modules/.cache", { recursive: true });
const dir = mkdtempSync(join("node_modules/.cache", "sparki-tool-"));
const outfile = join(dir, "tool.cjs");
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    plugins: [externalUnlessEsmOnly],
    logLevel: "warning",
  });
  process.argv = [process.argv[0], resolve(entry), ...args];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
