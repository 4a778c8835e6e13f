// `npm run gate -- plan.json [--allow gate-allow.yaml --environment <env> --stack <stack>] [--markdown out.md]`
// Judges the JSON of `terraform show -json <planfile>`; prints the markdown report to stdout.
// Exit codes: 0 passed, 1 blocked, 2 usage or input error, or the gate failed (see src/gate/README.md).
import { readFileSync, writeFileSync } from "node:fs";
import { loadAllowList } from "../src/gate/allow-list";
import { GateInputError } from "../src/gate/errors";
import { runGate } from "../src/gate/gate";
import { parsePlan } from "../src/gate/plan";
import { renderMarkdown } from "../src/gate/report";
import { toolArgs } from "../src/tool-args";

const EXIT_BLOCKED = 1;
const EXIT_INPUT_ERROR = 2;
const USAGE =
  "usage: npm run gate -- <plan.json> [--allow <allow-list.yaml>] [--environment <env>] [--stack <stack>] [--markdown <out.md>]";
const FLAGS = {
  allow: { type: "string" },
  environment: { type: "string" },
  stack: { type: "string" },
  markdown: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function main(): number {
  // Zero positionals are fine for --help; the plan file is checked below.
  const args = toolArgs(FLAGS, USAGE, [0, 1], EXIT_INPUT_ERROR);
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) {
    console.error(`expected exactly one plan file, got ${args.positionals.length}\n${USAGE}`);
    return EXIT_INPUT_ERROR;
  }
  const planFile = args.positionals[0]!;
  try {
    let text: string;
    try {
      text = readFileSync(planFile, "utf8");
    } catch (error) {
      throw new GateInputError([
        {
          file: planFile,
          path: "",
          value: undefined,
          message: `cannot read the plan: ${(error as Error).message}`,
          allowed: "a readable JSON file",
          fix: "terraform show -json plan.bin > plan.json",
        },
      ]);
    }
    const plan = parsePlan(text, planFile);
    const allowList = args.values.allow ? loadAllowList(args.values.allow) : undefined;
    const result = runGate(plan, { planFile, allowList, environment: args.values.environment, stack: args.values.stack });
    const markdown = renderMarkdown(result);
    process.stdout.write(markdown);
    if (args.values.markdown) writeFileSync(args.values.markdown, markdown);
    return result.passed ? 0 : EXIT_BLOCKED;
  } catch (error) {
    // Anything else is a gate bug; exit 2 too, so it is never mistaken for a judged plan.
    console.error(error instanceof GateInputError ? error.message : error);
    return EXIT_INPUT_ERROR;
  }
}

process.exitCode = main();
