// Type-checks the synthesis sources (tsconfig.synth.json) before the app command rebuilds its
// bundle: esbuild strips types without checking them. Incremental, with the build info kept
// under node_modules/.cache (one file per checkout), so a rebuild after a small edit re-checks
// only what changed. Returns the compiler's messages, or undefined when the sources are clean.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

export function typecheck(root) {
  const checkout = createHash("sha1").update(root).digest("hex").slice(0, 12);
  const buildInfo = join(root, "node_modules", ".cache", "sparki-tsc", `${checkout}.tsbuildinfo`);
  const tsc = require.resolve("typescript/bin/tsc");
  const args = [
    tsc,
    "-p",
    join(root, "tsconfig.synth.json"),
    "--noEmit",
    "--incremental",
    "--tsBuildInfoFile",
    buildInfo,
    "--pretty",
    "false",
  ];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (result.status === 0) return undefined;
  return (result.stdout + result.stderr).trim() || `tsc exited with status ${result.status}`;
}
