// The disaster-recovery drill's pure steps, called by scripts/ci/dr-drill.sh:
//   node scripts/run-ts.mjs scripts/dr-drill.ts wait-limit <env>   minutes to wait for the restore
//   node scripts/run-ts.mjs scripts/dr-drill.ts report <env> <recovery point> <scratch instance> \
//     <started epoch s> <ended epoch s> <job status> <instance status>
// `report` prints the step summary (markdown) and exits 1 when the drill failed or took longer
// than the environment's resilience.recoveryTimeObjectiveMinutes.
import { ProblemError } from "../src/problems";
import { loadEnvironments } from "../src/config/load";
import { drillPassed, drillSummary, drillVerdict, waitLimitMinutes } from "../src/pipeline/dr-drill";
import { requireEnvironments, toolArgs, usageExit } from "../src/tool-args";

const USAGE =
  "usage: dr-drill.ts wait-limit <env> | report <env> <recovery point> <scratch instance> <started> <ended> <job status> <instance status>";
/** Arguments after the verb, per verb. */
const VERB_ARGUMENTS = { "wait-limit": 1, report: 7 } as const;
const { positionals } = toolArgs({}, USAGE, [2, 8]);
const [verb, environment, ...rest] = positionals as [string, string, ...string[]];
if (!Object.hasOwn(VERB_ARGUMENTS, verb))
  usageExit(`unknown verb ${JSON.stringify(verb)}; verbs: ${Object.keys(VERB_ARGUMENTS).join(", ")}`, USAGE);
const wanted = VERB_ARGUMENTS[verb as keyof typeof VERB_ARGUMENTS];
if (positionals.length - 1 !== wanted) usageExit(`${verb} expects ${wanted} argument(s) after it, got ${positionals.length - 1}`, USAGE);
requireEnvironments([environment], USAGE);
let rtoMinutes: number;
try {
  rtoMinutes = loadEnvironments("environments", { only: [environment] })[0]!.resilience.recoveryTimeObjectiveMinutes;
} catch (error) {
  console.error(error instanceof ProblemError ? error.message : error);
  process.exit(2);
}
if (verb === "wait-limit") {
  process.stdout.write(`${waitLimitMinutes(rtoMinutes)}\n`);
} else {
  const [recoveryPointArn, scratchInstance, started, ended, jobStatus, instanceStatus] = rest as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const run = {
    environment,
    rtoMinutes,
    recoveryPointArn,
    scratchInstance,
    startedAt: Number(started),
    endedAt: Number(ended),
    jobStatus,
    instanceStatus,
  };
  const verdict = drillVerdict(run);
  process.stdout.write(drillSummary(run, verdict));
  process.exit(drillPassed(verdict) ? 0 : 1);
}
