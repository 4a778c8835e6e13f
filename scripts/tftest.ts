// `npm run tftest`: synthesize every environment into a scratch directory, then plan and apply
// every AWS-only stack with `terraform test` against a mocked AWS provider (destroyed at the end).
// `-- --only dev,prod` limits the environments; `--require` fails where the layer cannot run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProblemError } from "../src/problems";
import { synthesize } from "../src/synthesize";
import { testStacks } from "../src/validate/terraform-test";
import { requireEnvironments, toolArgs } from "../src/tool-args";
import { validationAvailability } from "../src/validate/terraform-validate";

const USAGE = "usage: npm run tftest -- [--only <env>[,<env>…]] [--require]";
const FLAGS = { only: { type: "string" }, require: { type: "boolean" } } as const;
const { values } = toolArgs(FLAGS, USAGE);
const only = values.only?.split(",").map((name) => name.trim());
if (only) requireEnvironments(only, USAGE);

const availability = validationAvailability();
if (!availability.available) {
  console.error(`SKIPPED terraform test: ${availability.reason}.`);
  process.exit(values.require ? 1 : 0);
}
const outdir = join(mkdtempSync(join(tmpdir(), "sparki-synth-")), "out");
try {
  const synthesized = synthesize({ environmentsDir: "environments", outdir, only });
  const stacks = new Set(synthesized.stacks.map((s) => s.stack));
  const result = testStacks(outdir, availability.pluginDir, { include: (stack) => stacks.has(stack) });
  console.log(result.output);
  for (const s of result.skipped) console.log(`not tested (no mirror for ${s.providers.join(", ")}): ${s.stack}`);
  console.log(
    `${result.passed ? "passed" : "FAILED"}: ${result.tested.length} stacks planned and applied with mocked providers ` +
      `(${result.tested.join(", ")})`,
  );
  process.exitCode = result.passed ? 0 : 1;
} catch (error) {
  console.error(error instanceof ProblemError ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(join(outdir, ".."), { recursive: true, force: true });
}
