/**
 * Sparki's service level objectives: the single source the Prometheus burn-rate alerts, the
 * release CLI's automatic rollback, the edge alarms and the load test's thresholds derive from.
 * Numbers are typed once here; everything else computes from them.
 */
import { WORKLOAD_NAMES, type WorkloadName } from "../constructs/workloads/catalog";

export interface ServiceLevelObjectives {
  readonly workload: WorkloadName;
  /** Share of requests that must succeed (non-5xx) over `windowDays`, e.g. 0.995. */
  readonly availabilityTarget: number;
  /** Rolling window the availability target is measured over. */
  readonly windowDays: number;
  /** Highest acceptable ratio of HTTP 5xx responses to all responses, e.g. 0.005. */
  readonly maxErrorRatio: number;
  /** Latency percentile the latency objective is stated for (0.99 = P99). */
  readonly latencyQuantile: number;
  /** That percentile must stay below this many seconds. */
  readonly latencyThresholdSeconds: number;
}

/** Availability 99.5 % over 30 days. */
export const AVAILABILITY_TARGET = 0.995;
export const SLO_WINDOW_DAYS = 30;
/** HTTP 5xx ratio below 0.5 %. */
export const MAX_ERROR_RATIO = 0.005;
/** P99 latency below 1 s. */
export const LATENCY_QUANTILE = 0.99;
export const LATENCY_THRESHOLD_SECONDS = 1;

/** The objectives of every workload (today the same for web and engine). */
export const OBJECTIVES: Readonly<Record<WorkloadName, ServiceLevelObjectives>> = Object.fromEntries(
  WORKLOAD_NAMES.map((workload) => [
    workload,
    {
      workload,
      availabilityTarget: AVAILABILITY_TARGET,
      windowDays: SLO_WINDOW_DAYS,
      maxErrorRatio: MAX_ERROR_RATIO,
      latencyQuantile: LATENCY_QUANTILE,
      latencyThresholdSeconds: LATENCY_THRESHOLD_SECONDS,
    },
  ]),
) as Record<WorkloadName, ServiceLevelObjectives>;

/** The error budget: the share of requests allowed to fail over the window (0.005 for 99.5 %). */
export function errorBudget(objectives: Pick<ServiceLevelObjectives, "availabilityTarget">): number {
  return 1 - objectives.availabilityTarget;
}
