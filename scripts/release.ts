// `npm run release -- <verb> <environment> [<workload>] [flags]`: edits releases/<env>.yaml and
// refuses unsafe moves (src/release/README.md). Exit codes: 0 done, 1 refused, 2 usage or input
// error, 3 watch rolled back, 4 watch had too little traffic to judge.
import { spawnSync } from "node:child_process";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { runRelease } from "../src/release/cli";

function terraformOutputs(stackDirectory: string) {
  const run = spawnSync("terraform", [`-chdir=${stackDirectory}`, "output", "-json"], { encoding: "utf8" });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(run.stderr.trim() || `terraform exited ${run.status}`);
  return JSON.parse(run.stdout) as Record<string, { value?: unknown }>;
}

runRelease(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  cloudWatch: (region) => new CloudWatchClient({ region }),
  terraformOutputs,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
