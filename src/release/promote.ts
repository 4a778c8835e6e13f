/**
 * `release promote`: all traffic to the idle colour, which becomes live (liveSince = now). Where
 * the policy has canary steps, the idle colour must already hold the last one.
 */
import { isReleased, isRunning, type WorkloadRelease } from "./schema";
import { changed, idleColour, isoSeconds, refused, trafficWith, type MoveContext, type MoveResult } from "./move";
import { smokeGateRefusal } from "./smoke-record";

export function promote(release: WorkloadRelease, context: MoveContext, workload: string): MoveResult {
  if (!isReleased(release)) return refused("nothing is released yet, so there is nothing to promote", "stage an image first");
  const idle = idleColour(release);
  if (!isRunning(release[idle])) {
    const why = release[idle].image === null ? "has no image" : "is scaled to zero";
    return refused(`the idle colour ${idle} ${why}`, "stage an image on it first (release stage)");
  }
  const steps = context.policy.canarySteps;
  const last = steps.at(-1);
  if (last !== undefined && release.traffic[idle] < last) {
    return refused(
      `${idle} has ${release.traffic[idle]} % of traffic; ${context.environment.name} requires the canary steps ` +
        `${steps.join(" %, ")} % before a promotion`,
      "shift through each step (release shift) and watch it (release watch)",
    );
  }
  const gate = smokeGateRefusal(release, idle, context.environment.name, workload);
  if (gate) return gate;
  return changed({ ...release, traffic: trafficWith(idle, 100), live: idle, liveSince: isoSeconds(context.now) });
}
