import { describe, expect, it } from "vitest";
import { drillPassed, drillSummary, drillVerdict, waitLimitMinutes, type DrillRun } from "../src/pipeline/dr-drill";

const T0 = 1_780_000_000; // 2026-05-28T20:26:40Z
const run = (minutes: number, seconds = 0, over: Partial<DrillRun> = {}): DrillRun => ({
  environment: "staging",
  rtoMinutes: 60,
  recoveryPointArn: "arn:aws:rds:us-east-1:222222222222:snapshot:awsbackup:job-1",
  scratchInstance: "sparki-staging-drill-202605282026",
  startedAt: T0,
  endedAt: T0 + minutes * 60 + seconds,
  jobStatus: "COMPLETED",
  instanceStatus: "available",
  ...over,
});

describe("disaster-recovery drill verdict", () => {
  it("passes a completed restore to an available instance within the RTO", () => {
    expect(drillVerdict(run(30))).toEqual({ outcome: "pass", minutes: 30, reason: "the restore took 30 min, within the RTO of 60 min" });
    expect(drillPassed(drillVerdict(run(60)))).toBe(true); // exactly the RTO is within it
  });

  it("passes with a warning above three quarters of the RTO (the cut-over must still fit)", () => {
    expect(drillVerdict(run(45)).outcome).toBe("pass"); // 45 = 0.75 × 60
    const slow = drillVerdict(run(45, 1)); // 45 min 1 s rounds up to 46
    expect(slow).toMatchObject({ outcome: "slow", minutes: 46 });
    expect(drillPassed(slow)).toBe(true);
  });

  it("fails a restore one second over the RTO, rounding up to whole minutes", () => {
    const verdict = drillVerdict(run(60, 1));
    expect(verdict).toEqual({ outcome: "over-rto", minutes: 61, reason: "the restore took 61 min, over the RTO of 60 min" });
    expect(drillPassed(verdict)).toBe(false);
  });

  it("fails a failed or aborted restore job however quick, and a restore the drill gave up on", () => {
    expect(drillVerdict(run(5, 0, { jobStatus: "FAILED", instanceStatus: "missing" }))).toMatchObject({
      outcome: "failed",
      reason: "the restore job ended FAILED after 5 min",
    });
    expect(drillVerdict(run(3, 0, { jobStatus: "ABORTED" })).outcome).toBe("failed");
    expect(drillVerdict(run(120, 0, { jobStatus: "RUNNING", instanceStatus: "creating" }))).toMatchObject({
      outcome: "over-rto",
      minutes: 120,
    });
    expect(drillVerdict(run(150, 0, { rtoMinutes: 200, jobStatus: "RUNNING" })).outcome).toBe("failed");
  });

  it("fails a completed restore whose instance is not available", () => {
    expect(drillVerdict(run(20, 0, { instanceStatus: "incompatible-restore" }))).toMatchObject({
      outcome: "failed",
      reason: "the restored instance is incompatible-restore, not available",
    });
  });

  it("waits twice the RTO for the restore, at most 150 minutes (the drill role's session is three hours)", () => {
    expect(waitLimitMinutes(30)).toBe(60);
    expect(waitLimitMinutes(60)).toBe(120);
    expect(waitLimitMinutes(240)).toBe(150);
  });

  it("summarizes the restore time against the RTO for the job summary", () => {
    const summary = drillSummary(run(61));
    expect(summary).toContain("## Restore drill of staging: ❌ over the RTO");
    expect(summary).toContain("| restore time | 61 min |");
    expect(summary).toContain("| RTO (`resilience.recoveryTimeObjectiveMinutes`) | 60 min |");
    expect(summary).toContain("| started / ended | 2026-05-28T20:26:40Z / 2026-05-28T21:27:40Z |");
    expect(summary).toContain("The restore took 61 min, over the RTO of 60 min.");
  });
});
