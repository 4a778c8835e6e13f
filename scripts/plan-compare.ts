// Exit 0 when a re-plan makes the same kinds of change to the same resources as the reviewed
// plan, 1 (listing the differences) when it does not:
//   node scripts/run-ts.mjs scripts/plan-compare.ts <reviewed.plan.json> <replanned.plan.json>
import { readFileSync } from "node:fs";
import { GateInputError } from "../src/gate/errors";
import { parsePlan } from "../src/gate/plan";
import { unreviewedChanges } from "../src/pipeline/plan-compare";
import { toolArgs } from "../src/tool-args";

const { positionals } = toolArgs({}, "usage: plan-compare.ts <reviewed.plan.json> <replanned.plan.json>", 2);
const [reviewedFile, replannedFile] = positionals as [string, string];
try {
  const differences = unreviewedChanges(
    parsePlan(readFileSync(reviewedFile, "utf8"), reviewedFile),
    parsePlan(readFileSync(replannedFile, "utf8"), replannedFile),
  );
  if (differences.length > 0) {
    console.error(
      `The re-plan differs from the reviewed plan (${reviewedFile}):\n${differences.map((d) => `  ${d}`).join("\n")}\nNothing ` +
        `of this stack was applied. Run the deploy again so reviewers see the new plan.`,
    );
    process.exit(1);
  }
  console.log("The re-plan makes the same changes as the reviewed plan.");
} catch (error) {
  console.error(error instanceof GateInputError ? error.message : error);
  process.exit(2);
}
