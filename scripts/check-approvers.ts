// Checks that each allow-list entry a pull request adds or changes is approved by its approver:
//   node scripts/run-ts.mjs scripts/check-approvers.ts <base gate-allow.yaml> <head gate-allow.yaml> <reviews.json> <author>
// A missing file is an empty list. Exit 0: every new entry approved; 1: not; 2: a file is invalid.
import { existsSync, readFileSync } from "node:fs";
import { loadAllowList, type AllowList } from "../src/gate/allow-list";
import { unapprovedEntries } from "../src/gate/approvals";
import { GateInputError } from "../src/gate/errors";
import { toolArgs } from "../src/tool-args";

const USAGE = "usage: check-approvers.ts <base gate-allow.yaml> <head gate-allow.yaml> <reviews.json> <author>";
const { positionals } = toolArgs({}, USAGE, 4);
const [baseFile, headFile, reviewsFile, author] = positionals as [string, string, string, string];
const empty = (file: string): AllowList => ({ file, entries: [] });
let base: AllowList;
try {
  base = existsSync(baseFile) ? loadAllowList(baseFile) : empty(baseFile);
} catch {
  // A base list this version cannot read (an older format, expired horizons) vouches for nothing.
  base = empty(baseFile);
}
try {
  const head = existsSync(headFile) ? loadAllowList(headFile) : empty(headFile);
  const problems = unapprovedEntries(base, head, JSON.parse(readFileSync(reviewsFile, "utf8")), author);
  for (const p of problems)
    console.error(`${headFile} entry ${p.entry.index} (${p.entry.environment} ${p.entry.stack} ${p.entry.address}): ${p.message}`);
  if (problems.length > 0) process.exit(1);
  console.log(`${head.entries.length} allow-list entries; every new or changed one is approved by its approver.`);
} catch (error) {
  console.error(error instanceof GateInputError ? error.message : error);
  process.exit(2);
}
