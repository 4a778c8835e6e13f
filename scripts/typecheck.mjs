// Type-checks the synthesis sources (tsconfig.synth.json) before the app command rebuilds its
// bundle: esbuild strips types without checking them. A `tsc --build` of that project, whose
// build info (under node_modules/.cache) lets it skip sources whose content has not changed, and
// skip the whole check when none has. Returns the compiler's messages, or undefined when the
// sources are clean.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);

export function typecheck(root) {
  const tsc = require.resolve("typescript/bin/tsc");
  const args = [tsc, "--build", join(root, "tsconfig.synth.json"), "--pretty", "false"];
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (result.status === 0) return undefined;
  return (result.stdout + result.stderr).trim() || `tsc exited with status ${result.status}`;
}
