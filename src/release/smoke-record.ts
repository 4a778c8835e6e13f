/**
 * The smoke-test record of a colour (`<colour>.smoke` in the release file) and the gate built on
 * it: traffic may move to a colour only after a smoke test passed against the image it runs now.
 * A new image (release stage) makes the old record stale without anyone having to clear it.
 */
import type { Colour } from "../constructs/workloads/catalog";
import { changed, isoSeconds, refused, type MoveResult } from "./move";
import type { WorkloadRelease } from "./schema";

/** Why traffic may not move to `colour` yet, or undefined when its last smoke test passed for its image. */
export function smokeGateProblem(release: WorkloadRelease, colour: Colour): string | undefined {
  const { image, smoke } = release[colour];
  if (smoke === undefined) return `${colour} has not been smoke-tested`;
  if (smoke.image !== image)
    return `${colour}'s last smoke test (${smoke.at}) ran against ${smoke.image}, not the image it runs now (${image})`;
  if (!smoke.passed) return `${colour} failed its last smoke test (${smoke.at})`;
  return undefined;
}

/** A refusal for a move to a colour that has not passed, or undefined. */
export function smokeGateRefusal(release: WorkloadRelease, colour: Colour, environment: string, workload: string): MoveResult | undefined {
  const problem = smokeGateProblem(release, colour);
  return problem === undefined
    ? undefined
    : refused(
        problem,
        `npm run release -- smoke ${environment} ${workload} --base-url <edge URL> (against ${colour} through its preview ` +
          `route), then try again`,
      );
}

/** The release state with a smoke result recorded for `colour`'s current image. */
export function recordSmoke(release: WorkloadRelease, colour: Colour, passed: boolean, now: Date): MoveResult {
  const image = release[colour].image;
  if (image === null) return refused(`${colour} has no image to smoke-test`, "stage an image first (release stage)");
  return changed({ ...release, [colour]: { ...release[colour], smoke: { image, passed, at: isoSeconds(now) } } });
}
