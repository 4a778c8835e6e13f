/**
 * `release retire`: scale the idle colour to zero. Refused while it has traffic, and until the
 * hold time has passed since the live colour went live: until then the previous colour stays up
 * so a promotion can be undone without waiting for pods.
 */
import type { WorkloadRelease } from "./schema";
import { changed, idleColour, isoSeconds, refused, unchanged, type MoveContext, type MoveResult } from "./move";

const MS_PER_MINUTE = 60_000;

/** When the idle colour may be retired: liveSince plus the hold time; undefined = any time. */
export function retireAllowedFrom(release: WorkloadRelease, retireAfterMinutes: number): Date | undefined {
  if (release.liveSince === undefined) return undefined;
  return new Date(Date.parse(release.liveSince) + retireAfterMinutes * MS_PER_MINUTE);
}

export function retire(release: WorkloadRelease, context: MoveContext): MoveResult {
  const idle = idleColour(release);
  if (release[idle].image === null) return unchanged(`the idle colour ${idle} has no image: nothing to retire`);
  if (release[idle].replicas === 0) return unchanged(`the idle colour ${idle} is already scaled to zero`);
  if (release.traffic[idle] > 0)
    return refused(`the idle colour ${idle} has ${release.traffic[idle]} % of traffic`, "promote or roll back first");
  const from = retireAllowedFrom(release, context.policy.retireAfterMinutes);
  if (from !== undefined && context.now < from) {
    return refused(
      `${release.live} went live at ${release.liveSince}; ${idle} stays up for a rollback for ` +
        `${context.policy.retireAfterMinutes} minutes, until ${isoSeconds(from)}`,
      `retire after ${isoSeconds(from)} (the hold time is release.retireAfterMinutes in the environment file)`,
    );
  }
  return changed({ ...release, [idle]: { ...release[idle], replicas: 0 } });
}
