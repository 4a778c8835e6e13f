// Compares the monthly cost estimate of two synthesis outputs and prints a markdown report for
// the PR comment:  npm run cost-diff -- <base cdktf.out> <pr cdktf.out> [--top N]
import { costDiffMarkdown, DEFAULT_TOP_CHANGES } from "../src/cost/diff";
import { readOutputEstimate } from "../src/cost/read-output";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : DEFAULT_TOP_CHANGES;
const dirs = topAt >= 0 ? args.filter((_, i) => i !== topAt && i !== topAt + 1) : args;
if (dirs.length !== 2 || !Number.isInteger(top) || top < 0) {
  console.error("usage: npm run cost-diff -- <base cdktf.out> <pr cdktf.out> [--top N]");
  process.exit(2);
}
try {
  const [base, pr] = dirs.map(readOutputEstimate);
  const notes = ([["base", base], ["PR", pr]] as const)
    .filter(([, read]) => read.estimatedFromStacks)
    .map(([side]) => `The ${side} output has no cost-estimate.json; it was estimated from its stacks with default assumptions.`);
  console.log(costDiffMarkdown(base.estimate, pr.estimate, { top, notes }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
