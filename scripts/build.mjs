// Bundles main.ts into dist/main.js with esbuild: node then loads one file instead of
// hundreds of modules, which keeps synthesis near the cost of loading cdktf itself.
import { build } from "esbuild";

await build({
  entryPoints: ["main.ts"],
  outfile: "dist/main.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
});
