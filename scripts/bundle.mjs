// esbuild bundle of main.ts: node then loads one file instead of hundreds of modules, which
// keeps synthesis near the cost of loading cdktf itself.
import { resolve } from "node:path";
import { build } from "esbuild";

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

/** Bundles `<root>/main.ts` into `outfile`. */
export async function bundle(outfile, root = ".") {
  await build({
    absWorkingDir: resolve(root),
    entryPoints: ["main.ts"],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    // Whitespace and syntax only: identifiers (and so class and function names) stay as written.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [skipTokenStackTraces],
    logLevel: "warning",
  });
}
