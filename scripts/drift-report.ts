// Drift report of one environment from its stacks' plan JSON files (`<dir>/<stack>.plan.json`):
//   node scripts/run-ts.mjs scripts/drift-report.ts <environment> <dir> <report.md>
// Exit 0: no drift; 2: drift (resources changed outside Terraform); 1: a plan could not be read.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GateInputError } from "../src/gate/errors";
import { parsePlan } from "../src/gate/plan";
import { driftMarkdown, stackDrift } from "../src/pipeline/drift";

const [environment, dir, report] = process.argv.slice(2);
if (!environment || !dir || !report) {
  console.error("usage: drift-report <environment> <plans-dir> <report.md>");
  process.exit(1);
}
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
