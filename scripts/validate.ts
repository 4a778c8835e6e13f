// `npm run validate`: synthesize every environment into a scratch directory, then run
// `terraform validate` on every AWS-only stack against the provider mirror.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProblemError } from "../src/problems";
import { toolArgs } from "../src/tool-args";
import { validateStacks, validationAvailability } from "../src/validate/terraform-validate";

const { values } = toolArgs({ require: { type: "boolean" } }, "usage: npm run validate -- [--require]");

const availability = validationAvailability();
if (!availability.available) {
  console.error(`SKIPPED terraform validate: ${availability.reason}.`);
  process.exit(values.require ? 1 : 0);
}
const outdir = join(mkdtempSync(join(tmpdir(), "sparki-synth-")), "out");
try {
  // Loaded only now: cdktf and the providers take a second, which a usage error need not wait for.
  const { synthesize } = require("../src/synthesize") as typeof import("../src/synthesize");
  synthesize({ environmentsDir: "environments", outdir });
  const result = validateStacks(outdir, availability.pluginDir);
  for (const d of result.diagnostics)
    console.log(`${d.severity.toUpperCase()} ${d.stack}: ${d.summary}\n  ${d.detail.replace(/\n/g, "\n  ")}`);
  for (const s of result.skipped) console.log(`not validated (no mirror for ${s.providers.join(", ")}): ${s.stack}`);
  console.log(
    `${result.valid ? "valid" : "INVALID"}: ${result.validated.length} stacks validated with terraform (${result.validated.join(", ")})`,
  );
  process.exitCode = result.valid ? 0 : 1;
} catch (error) {
  console.error(error instanceof ProblemError ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(join(outdir, ".."), { recursive: true, force: true });
}
