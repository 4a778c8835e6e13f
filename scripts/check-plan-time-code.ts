// Refuses synthesized stacks that would run code while being planned or applied (external data
// sources, provisioners, unknown providers, exec other than `aws eks get-token`). Run on the
// synthesis output before any `terraform init`:
//   node scripts/run-ts.mjs scripts/check-plan-time-code.ts [cdktf.out]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findPlanTimeCode } from "../src/pipeline/plan-time-code";
import { toolArgs } from "../src/tool-args";

const { positionals } = toolArgs({}, "usage: check-plan-time-code.ts [<synthesis output directory, default cdktf.out>]", [0, 1]);
const outdir = positionals[0] ?? "cdktf.out";
const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
  stacks: Record<string, { synthesizedStackPath: string }>;
};
const problems = Object.entries(manifest.stacks).flatMap(([name, s]) =>
  findPlanTimeCode(name, JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8"))),
);
if (problems.length > 0) {
  console.error(`Refused: ${problems.length} construct(s) would run code on the CI machine during plan or apply. Nothing was planned.`);
  for (const p of problems)
    console.error(
      `\n${p.stack}  ${p.address}\n  problem: ${p.message}\n  fix:     remove it; the pipeline plans pull-request code with ` +
        `cloud credentials`,
    );
  process.exit(1);
}
console.log(`No plan-time code in ${Object.keys(manifest.stacks).length} stacks.`);
