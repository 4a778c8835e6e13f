/**
 * The five Sparki dashboards, generated with Grafana's typed SDK. Queries read the metrics
 * contract (metrics-contract.ts) and the SLO recording rules, so a renamed metric fails the
 * typecheck or the PromQL test instead of leaving an empty panel. Each has a stable uid:
 * links and bookmarks survive regeneration.
 */
import type * as dashboardTypes from "@grafana/grafana-foundation-sdk/dashboard";
import { BUDGET_WINDOW, budgetOf, LATENCY_QUANTILE_RECORD, ratioRecord, SLO_KINDS } from "../rules/slo-rules";
import { BURN_RATE_WINDOWS } from "../../../slo/burn-rates";
import { OBJECTIVES } from "../../../slo/objectives";
import { WORKLOAD_NAMES, WORKLOAD_NAMESPACE } from "../../workloads/catalog";
import {
  COLOUR_LABEL,
  HTTP_REQUEST_DURATION,
  HTTP_ROUTE_LABEL,
  HTTP_STATUS_LABEL,
  QUEUE_METRICS,
  WORKLOAD_LABEL,
} from "../metrics-contract";
import { board, cloudWatchMetric, HALF, prom, row, series, single, THIRD } from "./panels";

export const DASHBOARD_UIDS = {
  commandCenter: "sparki-command-center",
  pipelines: "sparki-pipeline-execution",
  reliability: "sparki-reliability-slo",
  infrastructure: "sparki-infrastructure",
  debugging: "sparki-debugging",
} as const;

export interface DashboardContext {
  /** Region of the CloudWatch metrics (RDS, ElastiCache). */
  readonly region: string;
}

/** One objective takes half a row: the remaining budget, then the burn rates. */
const BUDGET_STAT_WIDTH = 4;
const BURN_SERIES_WIDTH = HALF - BUDGET_STAT_WIDTH;

const count = `${HTTP_REQUEST_DURATION}_count`;
const bucket = `${HTTP_REQUEST_DURATION}_bucket`;
const w = (workload: string) => `${WORKLOAD_LABEL}="${workload}"`;

function commandCenter(): dashboardTypes.DashboardBuilder {
  const b = board(
    DASHBOARD_UIDS.commandCenter,
    "Sparki / Command Center",
    "Golden signals of web and engine: traffic, errors, latency, saturation.",
  );
  for (const workload of WORKLOAD_NAMES) {
    b.withRow(row(workload))
      .withPanel(
        series(
          "Requests per second by colour",
          "reqps",
          [prom(`sum by (${COLOUR_LABEL}) (rate(${count}{${w(workload)}}[5m]))`, `{{${COLOUR_LABEL}}}`)],
          THIRD,
        ),
      )
      .withPanel(series("5xx ratio", "percentunit", [prom(`${ratioRecord("availability", "5m")}{${w(workload)}}`, "5xx ratio")], THIRD))
      .withPanel(
        series(
          `P${OBJECTIVES[workload].latencyQuantile * 100} latency`,
          "s",
          [prom(`${LATENCY_QUANTILE_RECORD}{${w(workload)}}`, "latency")],
          THIRD,
        ),
      )
      .withPanel(
        series(
          "CPU and memory of the pods (share of requests)",
          "percentunit",
          [
            prom(
              `sum(rate(container_cpu_usage_seconds_total{namespace="${WORKLOAD_NAMESPACE}", pod=~"${workload}-.*", ` +
                `container!=""}[5m])) / sum(kube_pod_container_resource_requests{namespace="${WORKLOAD_NAMESPACE}", ` +
                `pod=~"${workload}-.*", resource="cpu"})`,
              "CPU",
            ),
            prom(
              `sum(container_memory_working_set_bytes{namespace="${WORKLOAD_NAMESPACE}", pod=~"${workload}-.*", container!=""}) ` +
                `/ sum(kube_pod_container_resource_requests{namespace="${WORKLOAD_NAMESPACE}", pod=~"${workload}-.*", ` +
                `resource="memory"})`,
              "memory",
              "B",
            ),
          ],
          HALF,
        ),
      )
      .withPanel(
        series(
          "Ready pods",
          "short",
          [prom(`sum(kube_pod_status_ready{namespace="${WORKLOAD_NAMESPACE}", pod=~"${workload}-.*", condition="true"})`, "ready")],
          HALF,
        ),
      );
  }
  return b;
}

function pipelines(): dashboardTypes.DashboardBuilder {
  const q = QUEUE_METRICS;
  return board(DASHBOARD_UIDS.pipelines, "Sparki / Pipeline Execution", "Pipeline runs, durations, the job queue and worker saturation.")
    .withPanel(single("Runs per minute", "short", prom(`sum(rate(${q.runsTotal}[5m])) * 60`, "runs/min")))
    .withPanel(
      single(
        "Failed runs (1h)",
        "percentunit",
        prom(`sum(rate(${q.runsTotal}{status="failed"}[1h])) / sum(rate(${q.runsTotal}[1h]))`, "failed"),
      ),
    )
    .withPanel(single("Jobs waiting", "short", prom(`sum(${q.depth})`, "waiting")))
    .withPanel(single("Worker saturation", "percentunit", prom(`sum(${q.workersBusy}) / sum(${q.workersTotal})`, "busy")))
    .withPanel(series("Runs by status", "short", [prom(`sum by (status) (rate(${q.runsTotal}[5m])) * 60`, "{{status}}")]))
    .withPanel(
      series("Run duration", "s", [
        prom(`histogram_quantile(0.5, sum by (le) (rate(${q.runDuration}_bucket[15m])))`, "P50"),
        prom(`histogram_quantile(0.95, sum by (le) (rate(${q.runDuration}_bucket[15m])))`, "P95", "B"),
      ]),
    )
    .withPanel(series("Queue depth", "short", [prom(`sum by (queue) (${q.depth})`, "{{queue}}")]))
    .withPanel(series("Oldest waiting job", "s", [prom(`max by (queue) (${q.oldestJobAge})`, "{{queue}}")]))
    .withPanel(series("Workers", "short", [prom(`sum(${q.workersBusy})`, "busy"), prom(`sum(${q.workersTotal})`, "total", "B")], HALF * 2));
}

function reliability(): dashboardTypes.DashboardBuilder {
  const b = board(
    DASHBOARD_UIDS.reliability,
    "Sparki / Reliability & SLO",
    "Error budget remaining and burn rates per objective; the burn-rate alerts read the same recordings.",
  );
  for (const workload of WORKLOAD_NAMES) {
    b.withRow(row(workload));
    for (const kind of SLO_KINDS) {
      const budget = budgetOf(kind, OBJECTIVES[workload]);
      b.withPanel(
        single(
          `${kind} budget remaining (${BUDGET_WINDOW})`,
          "percentunit",
          prom(`1 - ${ratioRecord(kind, BUDGET_WINDOW)}{${w(workload)}} / ${budget}`, "remaining"),
          BUDGET_STAT_WIDTH,
        ),
      ).withPanel(
        series(
          `${kind} burn rate (× sustainable)`,
          "short",
          BURN_RATE_WINDOWS.map((window, i) =>
            prom(
              `${ratioRecord(kind, window.longWindow)}{${w(workload)}} / ${budget}`,
              `${window.longWindow} (alert at ${window.factor}×)`,
              String.fromCharCode(65 + i),
            ),
          ),
          BURN_SERIES_WIDTH,
        ),
      );
    }
  }
  return b;
}

function infrastructure(context: DashboardContext): dashboardTypes.DashboardBuilder {
  const rds = (metric: string, statistic?: string) =>
    cloudWatchMetric(context.region, "AWS/RDS", metric, "DBInstanceIdentifier", statistic);
  const cache = (metric: string, statistic?: string) =>
    cloudWatchMetric(context.region, "AWS/ElastiCache", metric, "CacheClusterId", statistic);
  return board(DASHBOARD_UIDS.infrastructure, "Sparki / Infrastructure", "Nodes and pods (Prometheus), PostgreSQL and Valkey (CloudWatch).")
    .withRow(row("Kubernetes"))
    .withPanel(
      single(
        "Nodes not Ready",
        "short",
        prom(`count(kube_node_status_condition{condition="Ready", status="true"} == 0) or vector(0)`, "not ready"),
      ),
    )
    .withPanel(single("Pods not running", "short", prom(`sum(kube_pod_status_phase{phase=~"Pending|Failed|Unknown"})`, "pods")))
    .withPanel(single("Restarts (1h)", "short", prom(`sum(increase(kube_pod_container_status_restarts_total[1h]))`, "restarts")))
    .withPanel(single("Nodes", "short", prom(`count(kube_node_info)`, "nodes")))
    .withPanel(
      series("Node CPU", "percentunit", [prom(`1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))`, "{{instance}}")]),
    )
    .withPanel(
      series("Node memory used", "percentunit", [prom(`1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes`, "{{instance}}")]),
    )
    .withPanel(
      series("Persistent volume used", "percentunit", [
        prom(`1 - kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes`, "{{namespace}}/{{persistentvolumeclaim}}"),
      ]),
    )
    .withPanel(series("Pods by namespace", "short", [prom(`sum by (namespace) (kube_pod_status_phase{phase="Running"})`, "{{namespace}}")]))
    .withRow(row("PostgreSQL (RDS)"))
    .withPanel(series("CPU", "percent", [rds("CPUUtilization")], THIRD))
    .withPanel(series("Connections", "short", [rds("DatabaseConnections")], THIRD))
    .withPanel(series("Free storage", "bytes", [rds("FreeStorageSpace", "Minimum")], THIRD))
    .withPanel(series("Replica lag", "s", [rds("ReplicaLag", "Maximum")], THIRD))
    .withPanel(series("Read latency", "s", [rds("ReadLatency")], THIRD))
    .withPanel(series("Write latency", "s", [rds("WriteLatency")], THIRD))
    .withRow(row("Valkey (ElastiCache)"))
    .withPanel(series("Engine CPU", "percent", [cache("EngineCPUUtilization")], THIRD))
    .withPanel(series("Memory used", "percent", [cache("DatabaseMemoryUsagePercentage")], THIRD))
    .withPanel(series("Current connections", "short", [cache("CurrConnections")], THIRD))
    .withPanel(series("Evictions", "short", [cache("Evictions", "Sum")], HALF))
    .withPanel(series("Replication lag", "s", [cache("ReplicationLag", "Maximum")], HALF));
}

function debugging(): dashboardTypes.DashboardBuilder {
  const routes = `${WORKLOAD_LABEL}, ${HTTP_ROUTE_LABEL}`;
  return board(
    DASHBOARD_UIDS.debugging,
    "Sparki / Debugging",
    "Per-route latency and errors of web and engine, with links to the logs and traces of a route.",
  )
    .withPanel(
      series(
        "P99 latency by route",
        "s",
        [prom(`histogram_quantile(0.99, sum by (${routes}, le) (rate(${bucket}[5m])))`, `{{${WORKLOAD_LABEL}}} {{${HTTP_ROUTE_LABEL}}}`)],
        HALF * 2,
      ),
    )
    .withPanel(
      series("5xx per second by route", "reqps", [
        prom(
          `sum by (${routes}, ${HTTP_STATUS_LABEL}) (rate(${count}{${HTTP_STATUS_LABEL}=~"5.."}[5m]))`,
          `{{${WORKLOAD_LABEL}}} {{${HTTP_ROUTE_LABEL}}} {{${HTTP_STATUS_LABEL}}}`,
        ),
      ]),
    )
    .withPanel(
      series("4xx per second by route", "reqps", [
        prom(
          `sum by (${routes}, ${HTTP_STATUS_LABEL}) (rate(${count}{${HTTP_STATUS_LABEL}=~"4.."}[5m]))`,
          `{{${WORKLOAD_LABEL}}} {{${HTTP_ROUTE_LABEL}}} {{${HTTP_STATUS_LABEL}}}`,
        ),
      ]),
    )
    .withPanel(
      series(
        "Requests per second by route",
        "reqps",
        [prom(`topk(20, sum by (${routes}) (rate(${count}[5m])))`, `{{${WORKLOAD_LABEL}}} {{${HTTP_ROUTE_LABEL}}}`)],
        HALF * 2,
      ),
    );
}

/** Every dashboard, built (plain JSON models), by uid. */
export function sparkiDashboards(context: DashboardContext): dashboardTypes.Dashboard[] {
  return [commandCenter(), pipelines(), reliability(), infrastructure(context), debugging()].map((b) => b.build());
}
