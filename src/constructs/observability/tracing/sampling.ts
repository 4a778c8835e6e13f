/**
 * Tail-sampling policy of the collector gateway: every trace with an error and every trace
 * slower than the latency objective is kept; of the rest, a per-environment percentage.
 */
import type { HelmValues } from "../../helm/values";
import { LATENCY_THRESHOLD_SECONDS } from "../../../slo/objectives";

/** `observability.traceSamplePercent` when left out, by tier: development keeps every trace. */
export const DEFAULT_TRACE_SAMPLE_PERCENT: Readonly<Record<"development" | "production", number>> = {
  development: 100,
  production: 10,
};

/** Traces slower than the SLO's latency threshold are always kept. */
export const SLOW_TRACE_THRESHOLD_MS = LATENCY_THRESHOLD_SECONDS * 1000;
/**
 * Seconds the sampler waits after a trace's first span before deciding: longer than the slowest
 * request the SLO tolerates plus export batching, so late spans still join their trace.
 */
export const DECISION_WAIT_SECONDS = 10;
/** Traces held in memory awaiting a decision; about DECISION_WAIT_SECONDS of peak traffic with margin. */
export const TRACES_IN_MEMORY = 50_000;

/** The percentage of ordinary traces an environment keeps. */
export function traceSamplePercent(env: {
  readonly tier: "development" | "production";
  readonly observability: { readonly traceSamplePercent?: number };
}): number {
  return env.observability.traceSamplePercent ?? DEFAULT_TRACE_SAMPLE_PERCENT[env.tier];
}

/** The `tail_sampling` processor's configuration. Policies are OR-ed: any match keeps the trace. */
export function tailSamplingConfig(samplePercent: number): HelmValues {
  return {
    decision_wait: `${DECISION_WAIT_SECONDS}s`,
    num_traces: TRACES_IN_MEMORY,
    policies: [
      { name: "errors", type: "status_code", status_code: { status_codes: ["ERROR"] } },
      { name: "slower-than-slo", type: "latency", latency: { threshold_ms: SLOW_TRACE_THRESHOLD_MS } },
      { name: "sample-the-rest", type: "probabilistic", probabilistic: { sampling_percentage: samplePercent } },
    ],
  };
}
