// Bundles main.ts into dist/main.js (or the path given as the first argument) with esbuild:
// node then loads one file instead of hundreds of modules, which keeps synthesis near the cost
// of loading cdktf itself.
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
      contents: `exports.captureStackTrace = () => ["stack trace not recorded in the bundled synthesis (scripts/build.mjs)"];`,
      loader: "js",
    }));
  },
};

await build({
  entryPoints: ["main.ts"],
  outfile: process.argv[2] ?? "dist/main.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  plugins: [skipTokenStackTraces],
  logLevel: "warning",
});
