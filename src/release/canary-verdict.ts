/**
 * Judges one evaluation window of the canary target group against the workload's service level
 * objectives (`src/slo/objectives.ts`): the thresholds are derived from there, never retyped.
 */
import type { ServiceLevelObjectives } from "../slo/objectives";

/** What the load balancer measured for the canary's target group over one window. */
export interface CanaryWindow {
  readonly requests: number;
  readonly errors5xx: number;
  /** P99 of TargetResponseTime in seconds; undefined when the window had no requests. */
  readonly latencyP99Seconds: number | undefined;
}

export type CanaryVerdict =
  | { readonly kind: "breach"; readonly reasons: readonly string[] }
  | { readonly kind: "healthy" }
  | { readonly kind: "too-little-traffic"; readonly needed: number };

/**
 * Fewest requests a window needs before its ratio means anything: below 1 / maxErrorRatio
 * (200 at 0.5 %), a single failed request alone would read as a breach, and a P99 of so few
 * samples is one or two slow requests.
 */
export function minimumRequests(objectives: Pick<ServiceLevelObjectives, "maxErrorRatio">): number {
  return Math.ceil(1 / objectives.maxErrorRatio);
}

export function judgeCanary(window: CanaryWindow, objectives: ServiceLevelObjectives): CanaryVerdict {
  const needed = minimumRequests(objectives);
  if (window.requests < needed) return { kind: "too-little-traffic", needed };
  const reasons: string[] = [];
  const ratio = window.errors5xx / window.requests;
  if (ratio > objectives.maxErrorRatio) {
    reasons.push(
      `5xx ratio ${percent(ratio)} above the objective ${percent(objectives.maxErrorRatio)} (${window.errors5xx} of ` +
        `${window.requests} requests)`,
    );
  }
  const quantile = `P${Math.round(objectives.latencyQuantile * 100)}`;
  if (window.latencyP99Seconds !== undefined && window.latencyP99Seconds > objectives.latencyThresholdSeconds) {
    reasons.push(
      `${quantile} latency ${window.latencyP99Seconds.toFixed(3)} s above the objective ${objectives.latencyThresholdSeconds} s`,
    );
  }
  return reasons.length > 0 ? { kind: "breach", reasons } : { kind: "healthy" };
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}
