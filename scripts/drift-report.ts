// Drift report of one environment from its stacks' plan JSON files (`<dir>/<stack>.plan.json`):
//   node scripts/run-ts.mjs scripts/drift-report.ts <environment> <dir> <report.md>
// Exit 0: no drift; 2: drift (resources changed outside Terraform); 1: a plan could not be read,
// or the command line is wrong (not 2, which the drift workflow reads as drift).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GateInputError } from "../src/gate/errors";
import { parsePlan } from "../src/gate/plan";
import { driftMarkdown, stackDrift } from "../src/pipeline/drift";
import { toolArgs } from "../src/tool-args";

const EXIT_FAILED = 1;
const { positionals } = toolArgs({}, "usage: drift-report.ts <environment> <plans-dir> <report.md>", 3, EXIT_FAILED);
const [environment, dir, report] = positionals as [string, string, string];
try {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".plan.json"))
    .sort();
  const stacks = files.map((f) =>
    stackDrift(f.slice(0, -".plan.json".length), parsePlan(readFileSync(join(dir, f), "utf8"), join(dir, f))),
  );
  writeFileSync(report, driftMarkdown(environment, stacks));
  process.exit(stacks.some((s) => s.drifted.length > 0) ? 2 : 0);
} catch (error) {
  console.error(error instanceof GateInputError ? error.message : error);
  process.exit(1);
}
