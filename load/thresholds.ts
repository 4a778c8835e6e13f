/**
 * The load test's pass criteria, derived from the service level objectives (`src/slo/objectives.ts`),
 * never retyped: per workload, the share of 5xx answers and the latency percentile of requests;
 * for the engine's WebSocket sessions, failed sessions and the handshake time. The k6 script reads
 * them as JSON (`npm run --silent load-thresholds > load/thresholds.json`).
 */
import { WORKLOAD_NAMES } from "../src/constructs/workloads/catalog";
import { OBJECTIVES, type ServiceLevelObjectives } from "../src/slo/objectives";
import type { WorkloadName } from "../src/constructs/workloads/catalog";

/** k6 metric of the share of requests answered with a 5xx (the script records it per request). */
export const SERVER_ERRORS_METRIC = "server_errors";
/** k6 metric of the share of WebSocket sessions that did not open or did not get an answer. */
export const WEBSOCKET_FAILURES_METRIC = "ws_session_failed";

/** k6 percentile notation for a quantile: 0.99 → `p(99)`, 0.995 → `p(99.5)`. */
export function percentile(quantile: number): string {
  return `p(${Number((quantile * 100).toFixed(4))})`;
}

/** The thresholds of one workload: ratios as k6 rates, seconds as k6 milliseconds. */
export function workloadThresholds(workload: WorkloadName, slo: ServiceLevelObjectives): Record<string, string[]> {
  const latency = `${percentile(slo.latencyQuantile)}<${slo.latencyThresholdSeconds * 1000}`;
  const errors = `rate<${slo.maxErrorRatio}`;
  const thresholds: Record<string, string[]> = {
    [`${SERVER_ERRORS_METRIC}{workload:${workload}}`]: [errors],
    [`http_req_duration{workload:${workload}}`]: [latency],
  };
  // The engine serves WebSockets: a session that fails is an error, a slow handshake is latency.
  if (workload === "engine") {
    thresholds[`${WEBSOCKET_FAILURES_METRIC}{workload:${workload}}`] = [errors];
    thresholds[`ws_connecting{workload:${workload}}`] = [latency];
  }
  return thresholds;
}

export function loadTestThresholds(
  objectives: Readonly<Record<WorkloadName, ServiceLevelObjectives>> = OBJECTIVES,
): Record<string, string[]> {
  return Object.assign({}, ...WORKLOAD_NAMES.map((w) => workloadThresholds(w, objectives[w])));
}
