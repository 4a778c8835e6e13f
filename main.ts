/**
 * Synthesizes every environment in environments/ into cdktf.out/ and prints a summary.
 *   node dist/main.js [--only dev,prod] [--environments dir] [--releases dir] [--quiet]
 * Flags are parsed strictly (src/synth-options.ts): a usage error exits 2, bad configuration 1.
 * The cdktf CLI runs this as its app (see cdktf.json) and sets CDKTF_OUTDIR.
 * SPARKI_BOOTSTRAP_LOCAL_STATE=1 keeps bootstrap stacks' state local (first apply only).
 */
import { formatCostSummary } from "./src/cost/summary";
import { ProblemError } from "./src/problems";
import { parseSynthOptions, UsageError, USAGE_EXIT_CODE, type SynthOptions } from "./src/synth-options";
import { synthesize, type SynthesisResult } from "./src/synthesize";

function main(argv: readonly string[]): number {
  let options: SynthOptions;
  try {
    options = parseSynthOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return USAGE_EXIT_CODE;
  }
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const started = process.hrtime.bigint();
  try {
    const result = synthesize({
      environmentsDir: options.environmentsDir,
      releasesDir: options.releasesDir,
      outdir,
      only: options.only,
      bootstrapLocalState: process.env.SPARKI_BOOTSTRAP_LOCAL_STATE === "1",
    });
    if (!options.quiet) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(formatSummary(result, outdir, seconds));
    }
    return 0;
  } catch (error) {
    // Configuration, construct preconditions, policy and budget: mistakes a user fixes from the message.
    if (error instanceof ProblemError) {
      console.error(error.message);
    } else {
      console.error(
        `Synthesis failed; nothing was written to ${outdir}.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    return 1;
  }
}

function formatSummary(
  { stacks, warnings, suppressions, cost, supportWarnings }: SynthesisResult,
  outdir: string,
  seconds: number,
): string {
  const ownerWidth = Math.max(...stacks.map((s) => s.owner.length), "environment".length);
  const stackWidth = Math.max(...stacks.map((s) => s.stack.length), "stack".length);
  const total = stacks.reduce((sum, s) => sum + s.resources, 0);
  return [
    `Synthesized ${stacks.length} stacks (${total} resources) into ${outdir}/ in ${seconds.toFixed(2)} s`,
    "",
    `${"environment".padEnd(ownerWidth)}  ${"stack".padEnd(stackWidth)}  resources`,
    ...stacks.map((s) => `${s.owner.padEnd(ownerWidth)}  ${s.stack.padEnd(stackWidth)}  ${String(s.resources).padStart(9)}`),
    "",
    `Policy: ${warnings.length} warning(s), ${suppressions.length} suppression(s)`,
    ...warnings.map((w) => `  warning ${w.rule}${w.checkov ? ` (${w.checkov})` : ""} ${w.stack} ${w.address}: ${w.message}`),
    ...suppressions.map((s) => `  suppressed ${s.rule} ${s.stack} ${s.address}: ${s.reason}`),
    ...(supportWarnings.length > 0 ? ["", "EKS support:", ...supportWarnings.map((w) => `  warning ${w}`)] : []),
    "",
    formatCostSummary(cost.estimate, cost.budgets),
  ].join("\n");
}

process.exitCode = main(process.argv.slice(2));
