// checkov's skip list for one environment, derived from the policy pack (src/policy/checkov.ts):
//   node scripts/run-ts.mjs scripts/checkov-skips.ts <environment>          # CKV_…,CKV_… for checkov
//   node scripts/run-ts.mjs scripts/checkov-skips.ts <environment> --reasons # one "id: reason" per line
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments } from "../src/config/load";
import { checkovSkips } from "../src/policy/checkov";
import { synthesize } from "../src/synthesize";
import { requireEnvironments, toolArgs } from "../src/tool-args";

const USAGE = "usage: checkov-skips.ts <environment> [--reasons]";
const FLAGS = { reasons: { type: "boolean" } } as const;
const { values, positionals } = toolArgs(FLAGS, USAGE, 1);
const environment = positionals[0]!;
requireEnvironments([environment], USAGE);
const [env] = loadEnvironments("environments", { only: [environment] });
const scratch = mkdtempSync(join(tmpdir(), "sparki-checkov-"));
try {
  // Synthesis runs the policy pack; its suppressions are the environment's reasoned exceptions.
  const { suppressions } = synthesize({ environmentsDir: "environments", outdir: join(scratch, "out"), only: [environment] });
  const skips = checkovSkips(
    env!.tier,
    suppressions.filter((s) => s.stack.startsWith(`${environment}-`)),
  );
  console.log(values.reasons ? skips.map((s) => `${s.id}: ${s.reason}`).join("\n") : skips.map((s) => s.id).join(","));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
