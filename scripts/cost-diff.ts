// Compares the monthly cost estimate of two synthesis outputs and prints a markdown report for
// the PR comment:  npm run cost-diff -- <base cdktf.out> <pr cdktf.out> [--top N]
import { costDiffMarkdown, DEFAULT_TOP_CHANGES } from "../src/cost/diff";
import { readOutputEstimate } from "../src/cost/read-output";
import { EXIT_USAGE, toolArgs } from "../src/tool-args";

const USAGE = "usage: npm run cost-diff -- <base cdktf.out> <pr cdktf.out> [--top N]";
const { values, positionals: dirs } = toolArgs({ top: { type: "string" } }, USAGE, 2);
const top = values.top === undefined ? DEFAULT_TOP_CHANGES : Number(values.top);
if (!Number.isInteger(top) || top < 0) {
  console.error(`--top needs a whole number ≥ 0, got ${JSON.stringify(values.top)}\n${USAGE}`);
  process.exit(EXIT_USAGE);
}
try {
  const [base, pr] = dirs.map(readOutputEstimate);
  const notes = (
    [
      ["base", base],
      ["PR", pr],
    ] as const
  )
    .filter(([, read]) => read.estimatedFromStacks)
    .map(([side]) => `The ${side} output has no cost-estimate.json; it was estimated from its stacks with default assumptions.`);
  console.log(costDiffMarkdown(base.estimate, pr.estimate, { top, notes }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
