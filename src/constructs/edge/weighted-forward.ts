import { COLOURS, type Colour } from "../workloads/catalog";
import { CANARY_STICKINESS_SECONDS } from "./defaults";

/** Percent of a workload's requests per colour (the release file's `traffic`). */
export type TrafficWeights = Readonly<Record<Colour, number>>;

/** The `forward` block of a listener's default action or a listener rule's action. */
export interface WeightedForward {
  readonly targetGroup: { arn: string; weight: number }[];
  readonly stickiness: { enabled: boolean; duration: number };
}

/** Whether both colours receive traffic (a canary or a shift in progress). */
export function isSplit(weights: TrafficWeights): boolean {
  return COLOURS.every((colour) => weights[colour] > 0);
}

/**
 * A forward action over a workload's two target groups, weighted by the release file. While the
 * traffic is split, target-group stickiness keeps each client on one colour; with one colour at
 * 100 % stickiness is off, so a rollback or promotion moves every client at once.
 */
export function weightedForward(targetGroupArns: Readonly<Record<Colour, string>>, weights: TrafficWeights): WeightedForward {
  return {
    targetGroup: COLOURS.map((colour) => ({ arn: targetGroupArns[colour], weight: weights[colour] })),
    // Always written (enabled or not) so the provider never sees a missing block as a change.
    stickiness: { enabled: isSplit(weights), duration: CANARY_STICKINESS_SECONDS },
  };
}
