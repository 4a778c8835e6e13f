// checkov's skip list for one environment, derived from the policy pack (src/policy/checkov.ts):
//   node scripts/run-ts.mjs scripts/checkov-skips.ts <environment>          # CKV_…,CKV_… for checkov
//   node scripts/run-ts.mjs scripts/checkov-skips.ts <environment> --reasons # one "id: reason" per line
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments } from "../src/config/load";
import { checkovSkips } from "../src/policy/checkov";
import { synthesize } from "../src/synthesize";

const [environment, flag] = process.argv.slice(2);
if (!environment) {
  console.error("usage: checkov-skips <environment> [--reasons]");
  process.exit(2);
}
const [env] = loadEnvironments("environments", { only: [environment] });
const scratch = mkdtempSync(join(tmpdir(), "sparki-checkov-"));
try {
  // Synthesis runs the policy pack; its suppressions are the environment's reasoned exceptions.
  const { suppressions } = synthesize({ environmentsDir: "environments", outdir: join(scratch, "out"), only: [environment] });
  const skips = checkovSkips(
    env!.tier,
    suppressions.filter((s) => s.stack.startsWith(`${environment}-`)),
  );
  console.log(flag === "--reasons" ? skips.map((s) => `${s.id}: ${s.reason}`).join("\n") : skips.map((s) => s.id).join(","));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
