// Markdown list of checkov's failed checks from its JSON output (one report or a list of them):
//   node scripts/run-ts.mjs scripts/checkov-report.ts <results.json> [skipped ids, comma-separated]
// Exit 0: no failed check; 1: failed checks (listed); 2: no readable results (checkov did not run).
import { readFileSync } from "node:fs";
import { checkovMarkdown, parseCheckovResults } from "../src/pipeline/checkov-report";
import { toolArgs } from "../src/tool-args";

const { positionals } = toolArgs({}, "usage: checkov-report.ts <results.json> [<skipped ids, comma-separated>]", [1, 2]);
const [file, skipped = ""] = positionals as [string, string?];
let results: ReturnType<typeof parseCheckovResults>;
try {
  results = parseCheckovResults(JSON.parse(readFileSync(file, "utf8")));
} catch (error) {
  console.log(`checkov: no results (${(error as Error).message}); the checkov step failed before reporting.`);
  process.exit(2);
}
console.log(checkovMarkdown(results, skipped.split(",").filter(Boolean)));
process.exit(results.failed.length > 0 ? 1 : 0);
