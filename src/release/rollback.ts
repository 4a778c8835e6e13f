/** `release rollback`: every request back to the live colour; one listener-rule change. */
import { isRunning, type WorkloadRelease } from "./schema";
import { changed, refused, trafficWith, unchanged, type MoveResult } from "./move";

export function rollback(release: WorkloadRelease): MoveResult {
  const { live } = release;
  if (release.traffic[live] === 100) return unchanged(`all traffic is already on the live colour ${live}`);
  if (!isRunning(release[live]))
    return refused(
      `the live colour ${live} does not run (no image or scaled to zero)`,
      `set live to the colour that serves traffic, or stage an image on ${live}`,
    );
  return changed({ ...release, traffic: trafficWith(live, 100) });
}
