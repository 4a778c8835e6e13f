// Prints the stacks of one environment in dependency order, one per line, from the
// synthesized manifest: `node scripts/run-ts.mjs scripts/stack-order.ts <environment> [outdir]`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stacksInOrder } from "../src/pipeline/stack-order";

const [environment, outdir = "cdktf.out"] = process.argv.slice(2);
if (!environment) {
  console.error("usage: stack-order <environment> [outdir]");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
const stacks = stacksInOrder(manifest, environment);
if (stacks.length === 0) {
  console.error(`no stacks for environment "${environment}" in ${outdir}/manifest.json`);
  process.exit(1);
}
console.log(stacks.join("\n"));
