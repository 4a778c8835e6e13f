/**
 * `release stage`: put an image on the idle colour, scaled up, without traffic. Before the first
 * release nothing runs, so the image goes on the live colour (which already holds the weight).
 */
import { IMAGE_DIGEST, IMAGE_TAG, isReleased, type WorkloadRelease } from "./schema";
import { changed, idleColour, refused, unchanged, type MoveContext, type MoveResult } from "./move";

export function stage(release: WorkloadRelease, image: string, context: MoveContext): MoveResult {
  if (!IMAGE_DIGEST.test(image) && !IMAGE_TAG.test(image)) {
    return refused(
      `"${image}" is not an image digest or tag`,
      "give the digest the registry printed for the pushed image: --image sha256:<64 hex>",
    );
  }
  // A tag can be moved to other content after review; production runs what was reviewed.
  if (context.environment.tier === "production" && !IMAGE_DIGEST.test(image)) {
    return refused(
      `"${image}" is a mutable tag and ${context.environment.name} is a production environment`,
      "stage the image by its digest: --image sha256:<64 hex> (docker buildx imagetools inspect <image> prints it)",
    );
  }
  const first = !isReleased(release);
  const target = first ? release.live : idleColour(release);
  if (!first && release.traffic[target] > 0) {
    return refused(
      `${target} is not idle: it has ${release.traffic[target]} % of traffic, and a new image would replace pods serving it`,
      "finish the release in progress first (promote or rollback), then stage",
    );
  }
  if (release[target].image === image && release[target].replicas === "auto") {
    return unchanged(`${target} already runs ${image}`);
  }
  return changed({ ...release, [target]: { image, replicas: "auto" } });
}
