/**
 * The disaster-recovery drill's names and verdict (`scripts/ci/dr-drill.sh`,
 * `.github/workflows/dr-drill.yml`): pure, so the restore-time judgement is tested without AWS.
 */

/** Scratch instances start with this; the drill role may describe and delete only these. */
export function drillInstancePrefix(environment: string): string {
  return `sparki-${environment}-drill-`;
}

/** The database's AWS Backup vault (`DatabaseBackup` names it `<name>-database`). */
export function drillVaultName(environment: string): string {
  return `sparki-${environment}-database`;
}

/** The role AWS Backup restores with (`DatabaseBackup` names it `<name>-backup`). */
export function drillRestoreRoleName(environment: string): string {
  return `sparki-${environment}-backup`;
}

/** A restore slower than this share of the RTO passes but is a finding: the cut-over adds minutes. */
export const RTO_WARNING_SHARE = 0.75;
/** The drill stops waiting after twice the RTO (to report how far over it went), capped by the job's time. */
export const MAX_WAIT_MINUTES = 150;

/** Minutes the drill waits for the restore before it gives up. */
export function waitLimitMinutes(rtoMinutes: number): number {
  return Math.min(2 * rtoMinutes, MAX_WAIT_MINUTES);
}

export interface DrillRun {
  readonly environment: string;
  readonly rtoMinutes: number;
  readonly recoveryPointArn: string;
  readonly scratchInstance: string;
  /** Epoch seconds when the restore job was started and when the drill saw it end (or gave up). */
  readonly startedAt: number;
  readonly endedAt: number;
  /** AWS Backup restore job status: COMPLETED, FAILED, ABORTED, or RUNNING/PENDING when the drill gave up. */
  readonly jobStatus: string;
  /** `DBInstanceStatus` of the scratch instance, or `missing`. */
  readonly instanceStatus: string;
}

export type DrillOutcome = "pass" | "slow" | "over-rto" | "failed";

export interface DrillVerdict {
  readonly outcome: DrillOutcome;
  /** Whole minutes, rounded up: a restore of 60 min 10 s is over a 60-minute RTO. */
  readonly minutes: number;
  readonly reason: string;
}

export function drillVerdict(run: DrillRun): DrillVerdict {
  const minutes = Math.ceil(Math.max(0, run.endedAt - run.startedAt) / 60);
  if (run.jobStatus === "FAILED" || run.jobStatus === "ABORTED") {
    return { outcome: "failed", minutes, reason: `the restore job ended ${run.jobStatus} after ${minutes} min` };
  }
  if (run.jobStatus !== "COMPLETED") {
    const outcome = minutes > run.rtoMinutes ? "over-rto" : "failed";
    return {
      outcome,
      minutes,
      reason: `the restore job was still ${run.jobStatus} after ${minutes} min, when the drill stopped waiting (RTO ${run.rtoMinutes} min)`,
    };
  }
  if (minutes > run.rtoMinutes) {
    return { outcome: "over-rto", minutes, reason: `the restore took ${minutes} min, over the RTO of ${run.rtoMinutes} min` };
  }
  if (run.instanceStatus !== "available") {
    return { outcome: "failed", minutes, reason: `the restored instance is ${run.instanceStatus}, not available` };
  }
  if (minutes > RTO_WARNING_SHARE * run.rtoMinutes) {
    return {
      outcome: "slow",
      minutes,
      reason:
        `the restore took ${minutes} min, more than ${RTO_WARNING_SHARE * 100} % of the RTO of ${run.rtoMinutes} min: the ` +
        `cut-over must fit in the rest`,
    };
  }
  return { outcome: "pass", minutes, reason: `the restore took ${minutes} min, within the RTO of ${run.rtoMinutes} min` };
}

/** Only a restore within the RTO that left an available instance passes; `slow` passes with a warning. */
export function drillPassed(verdict: DrillVerdict): boolean {
  return verdict.outcome === "pass" || verdict.outcome === "slow";
}

const HEADLINE: Record<DrillOutcome, string> = {
  pass: "✅ passed",
  slow: "⚠️ passed, but slow",
  "over-rto": "❌ over the RTO",
  failed: "❌ failed",
};

/** Markdown for the job's step summary. */
export function drillSummary(run: DrillRun, verdict: DrillVerdict = drillVerdict(run)): string {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return [
    `## Restore drill of ${run.environment}: ${HEADLINE[verdict.outcome]}`,
    "",
    `${verdict.reason[0]!.toUpperCase() + verdict.reason.slice(1)}.`,
    "",
    "| | |",
    "|---|---|",
    `| restore time | ${verdict.minutes} min |`,
    `| RTO (\`resilience.recoveryTimeObjectiveMinutes\`) | ${run.rtoMinutes} min |`,
    `| restore job | ${run.jobStatus} |`,
    `| scratch instance | \`${run.scratchInstance}\` (${run.instanceStatus}; deleted after the check) |`,
    `| recovery point | \`${run.recoveryPointArn}\` |`,
    `| started / ended | ${iso(run.startedAt)} / ${iso(run.endedAt)} |`,
    "",
  ].join("\n");
}
