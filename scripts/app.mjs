// The synthesis command (cdktf.json's app, `npm run synth`). Runs the prebuilt bundle
// dist/main.js, rebuilding it first only when a source file is newer, so an edit is never
// synthesized stale and an unchanged tree pays no build cost.
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const BUNDLE = "dist/main.js";
const SOURCES = ["main.ts", "src", "stacks", "package-lock.json"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), 0);
}

const bundleTime = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
if (SOURCES.some((source) => newestMtime(source) > bundleTime)) {
  await import("./build.mjs");
}
createRequire(import.meta.url)(`../${BUNDLE}`);
