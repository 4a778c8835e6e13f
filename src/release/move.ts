/**
 * What every release verb returns: the workload's next release state, "nothing to change", or a
 * refusal that says why and what to do instead. Verbs are pure functions of the current state,
 * the environment's release policy and the time; the CLI writes the file.
 */
import type { EnvironmentConfig } from "../config/schema";
import type { Colour } from "../constructs/workloads/catalog";
import type { ReleasePolicy } from "./policy";
import type { WorkloadRelease } from "./schema";

export interface MoveContext {
  readonly environment: Pick<EnvironmentConfig, "name" | "tier">;
  readonly policy: ReleasePolicy;
  readonly now: Date;
}

export type MoveResult =
  | { readonly kind: "changed"; readonly next: WorkloadRelease }
  | { readonly kind: "unchanged"; readonly reason: string }
  | { readonly kind: "refused"; readonly reason: string; readonly fix: string };

export function changed(next: WorkloadRelease): MoveResult {
  return { kind: "changed", next };
}

export function unchanged(reason: string): MoveResult {
  return { kind: "unchanged", reason };
}

export function refused(reason: string, fix: string): MoveResult {
  return { kind: "refused", reason, fix };
}

export function otherColour(colour: Colour): Colour {
  return colour === "blue" ? "green" : "blue";
}

/** The colour that is not live: where a new image is staged and canary traffic goes. */
export function idleColour(release: WorkloadRelease): Colour {
  return otherColour(release.live);
}

/** Weights with `share` percent on `colour` and the rest on the other colour. */
export function trafficWith(colour: Colour, share: number): WorkloadRelease["traffic"] {
  return colour === "blue" ? { blue: share, green: 100 - share } : { blue: 100 - share, green: share };
}

/** A timestamp as the release file stores it: UTC, whole seconds. */
export function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}
