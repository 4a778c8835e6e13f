/**
 * The metrics contract between Sparki's workloads and the platform: the names, types, labels and
 * histogram buckets the web and engine services export on their metrics port
 * (`WORKLOADS[w].metricsPort` / `metricsPath` in the workload catalog). The recording rules,
 * alerts and dashboards are generated from these names; the engine and web teams implement them.
 *
 * HTTP metrics follow the OpenTelemetry semantic conventions (`http.server.request.duration`,
 * seconds) as exported to Prometheus by the OTel Prometheus exporter / Go and JS SDKs.
 */

/** Histogram of server request durations in seconds (OTel `http.server.request.duration`). */
export const HTTP_REQUEST_DURATION = "http_server_request_duration_seconds";
/** Label holding the numeric HTTP status code (OTel `http.response.status_code`). */
export const HTTP_STATUS_LABEL = "http_response_status_code";
/** Label holding the route template, never the raw path (OTel `http.route`), e.g. `/api/v1/pipelines/:id`. */
export const HTTP_ROUTE_LABEL = "http_route";
/**
 * Bucket boundaries (seconds) the histogram must have. The latency objective counts requests
 * under `LATENCY_THRESHOLD_SECONDS` (1 s), so 1 must be a boundary; these are the OTel defaults.
 */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;

/** Pipeline queue and worker metrics of the engine (gauges unless noted), label `queue`. */
export const QUEUE_METRICS = {
  /** Jobs waiting in the queue. */
  depth: "sparki_queue_depth",
  /** Age in seconds of the oldest waiting job (0 when the queue is empty). */
  oldestJobAge: "sparki_queue_oldest_job_age_seconds",
  /** Counter of finished pipeline runs, label `status` = succeeded | failed | cancelled. */
  runsTotal: "sparki_pipeline_runs_total",
  /** Histogram of pipeline run durations in seconds, label `status`. */
  runDuration: "sparki_pipeline_duration_seconds",
  /** Workers executing a job right now. */
  workersBusy: "sparki_workers_busy",
  /** Workers available in total. */
  workersTotal: "sparki_workers_total",
} as const;

/** Labels the ServiceMonitors add to every scraped series (from the Service's labels). */
export const WORKLOAD_LABEL = "workload";
export const COLOUR_LABEL = "colour";

/**
 * Matches the `le` label of a boundary whatever the exposition format wrote: Prometheus 3
 * normalises `le="1"` to `le="1.0"` on ingestion, Prometheus 2 keeps what was scraped.
 */
export function leMatcher(boundary: number): string {
  const text = String(boundary);
  return Number.isInteger(boundary) ? `le=~"${text}(\\\\.0)?"` : `le="${text}"`;
}
