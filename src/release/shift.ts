/**
 * `release shift`: move canary traffic to the idle colour, one canary step at a time. Without
 * `to`, the next step of the policy; with it, any share that does not jump over a step.
 */
import { isReleased, isRunning, type WorkloadRelease } from "./schema";
import { changed, idleColour, refused, trafficWith, unchanged, type MoveContext, type MoveResult } from "./move";
import { smokeGateRefusal } from "./smoke-record";

export function shift(release: WorkloadRelease, to: number | undefined, context: MoveContext, workload: string): MoveResult {
  if (!isReleased(release)) return refused("nothing is released yet, so there is no colour to shift traffic to", "stage an image first");
  const idle = idleColour(release);
  if (!isRunning(release[idle])) {
    const why = release[idle].image === null ? "has no image" : "is scaled to zero";
    return refused(`the idle colour ${idle} ${why}`, "stage an image on it first (release stage), apply the apps stack and check its pods");
  }
  const current = release.traffic[idle];
  const steps = context.policy.canarySteps;
  let target: number;
  if (to === undefined) {
    const next = steps.find((step) => step > current);
    if (next === undefined) {
      const why = steps.length === 0 ? "this environment has no canary steps" : `every canary step (${steps.join(" %, ")} %) is done`;
      return refused(`${why}, so there is no next step`, "give a share with --to <percent>, or promote");
    }
    target = next;
  } else {
    if (!Number.isInteger(to) || to < 1 || to > 99)
      return refused(`--to ${to} is not a canary share`, "a whole percent from 1 to 99 (promote sends 100, rollback sends 0)");
    const skipped = steps.find((step) => step > current && step < to);
    if (skipped !== undefined)
      return refused(`--to ${to} skips the required canary step of ${skipped} %`, `shift to ${skipped} % first and watch it`);
    target = to;
  }
  if (target === current) return unchanged(`${idle} already has ${current} % of traffic`);
  // Moving traffic back down never needs a smoke test; moving it up does.
  if (target > current) {
    const gate = smokeGateRefusal(release, idle, context.environment.name, workload);
    if (gate) return gate;
  }
  return changed({ ...release, traffic: trafficWith(idle, target) });
}
