/**
 * Alerts beyond the SLO burn rates: API error spikes, the pipeline queue, crash-looping pods,
 * nodes and disks. Every threshold is a named constant with the reason for its value.
 */
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import { clean } from "../../../slo/burn-rates";
import { MAX_ERROR_RATIO } from "../../../slo/objectives";
import { APPS_NAMESPACE } from "../../cluster/service-accounts";
import { HTTP_REQUEST_DURATION, HTTP_ROUTE_LABEL, HTTP_STATUS_LABEL, QUEUE_METRICS, WORKLOAD_LABEL } from "../metrics-contract";
import { alertRule, type AlertSpec, type RuleContext } from "./alert-spec";

/** A route's 5xx ratio over 5 minutes this many times the objective is a spike worth a ticket. */
export const ERROR_SPIKE_FACTOR = 10;
/** Routes with fewer requests per second than this are too quiet for a ratio to mean much. */
export const ERROR_SPIKE_MIN_RPS = 1;
/** Waiting jobs per worker that mean the pool cannot catch up (a full round of work queued 5 times). */
export const QUEUE_DEPTH_PER_WORKER = 5;
/** Seconds the oldest job may wait before users notice pipelines not starting (10 minutes). */
export const QUEUE_OLDEST_JOB_MAX_SECONDS = 600;
/** Container restarts in 15 minutes that mean a crash loop rather than one unlucky restart. */
export const CRASH_LOOP_RESTARTS = 3;
/** Free share of a persistent volume below which it is about to fill. */
export const VOLUME_CRITICAL_FREE_RATIO = 0.05;
/** Free share of a volume or node disk below which a linear fill-up forecast is worth a ticket. */
export const DISK_WARNING_FREE_RATIO = 0.15;
/** How far ahead the fill-up forecast looks, from how far back. */
export const DISK_FORECAST_HOURS = 24;
export const DISK_FORECAST_LOOKBACK = "6h";

export const ALERTS = {
  apiErrorSpike: "SparkiApiErrorSpike",
  queueBacklog: "SparkiPipelineQueueBacklog",
  queueStalled: "SparkiPipelineQueueStalled",
  podCrashLooping: "SparkiPodCrashLooping",
  nodeNotReady: "SparkiNodeNotReady",
  volumeFillingUp: "SparkiVolumeFillingUp",
  volumeAlmostFull: "SparkiVolumeAlmostFull",
  nodeDiskFillingUp: "SparkiNodeDiskFillingUp",
} as const;

const forecastSeconds = DISK_FORECAST_HOURS * 3600;

/** The alert specs, grouped by area. */
export function platformAlertSpecs(): Record<string, AlertSpec[]> {
  const spikeRatio = clean(MAX_ERROR_RATIO * ERROR_SPIKE_FACTOR);
  const byRoute = `${WORKLOAD_LABEL}, ${HTTP_ROUTE_LABEL}`;
  const count = `${HTTP_REQUEST_DURATION}_count`;
  return {
    "sparki-api": [
      {
        alert: ALERTS.apiErrorSpike,
        expr:
          `sum by (${byRoute}) (rate(${count}{${HTTP_STATUS_LABEL}=~"5.."}[5m])) / sum by (${byRoute}) (rate(${count}[5m])) > ` +
          `${spikeRatio}` +
          ` and sum by (${byRoute}) (rate(${count}[5m])) > ${ERROR_SPIKE_MIN_RPS}`,
        for: "5m",
        severity: "warning",
        summary: "{{ $labels.workload }} route {{ $labels.http_route }} answers with 5xx",
        description:
          `More than ${clean(spikeRatio * 100)} % of requests to {{ $labels.http_route }} on {{ $labels.workload }} failed with ` +
          `5xx over 5 minutes (the objective is ${clean(MAX_ERROR_RATIO * 100)} %).`,
      },
    ],
    "sparki-pipeline-queue": [
      {
        alert: ALERTS.queueBacklog,
        expr: `sum by (queue) (${QUEUE_METRICS.depth}) > ${QUEUE_DEPTH_PER_WORKER} * sum(${QUEUE_METRICS.workersTotal})`,
        for: "15m",
        severity: "warning",
        summary: "Pipeline queue {{ $labels.queue }} is backing up",
        description:
          `More than ${QUEUE_DEPTH_PER_WORKER} jobs per worker have been waiting in {{ $labels.queue }} for 15 minutes; pipelines ` +
          `start late.`,
      },
      {
        alert: ALERTS.queueStalled,
        expr: `max by (queue) (${QUEUE_METRICS.oldestJobAge}) > ${QUEUE_OLDEST_JOB_MAX_SECONDS}`,
        for: "5m",
        severity: "critical",
        summary: `Jobs in pipeline queue {{ $labels.queue }} wait longer than ${QUEUE_OLDEST_JOB_MAX_SECONDS / 60} minutes`,
        description: "The oldest waiting job is {{ $value | humanizeDuration }} old: users' pipelines are not starting.",
      },
    ],
    "sparki-kubernetes": [
      {
        alert: ALERTS.podCrashLooping,
        expr: `increase(kube_pod_container_status_restarts_total{namespace="${APPS_NAMESPACE}"}[15m]) > ${CRASH_LOOP_RESTARTS}`,
        for: "5m",
        severity: "critical",
        summary: "{{ $labels.namespace }}/{{ $labels.pod }} is crash-looping",
        description: `Container {{ $labels.container }} restarted more than ${CRASH_LOOP_RESTARTS} times in 15 minutes.`,
      },
      {
        alert: ALERTS.nodeNotReady,
        expr: `kube_node_status_condition{condition="Ready", status="true"} == 0`,
        for: "10m",
        severity: "warning",
        summary: "Node {{ $labels.node }} is not Ready",
        description: "The node has not been Ready for 10 minutes; its pods are being evicted and capacity is reduced.",
      },
      {
        alert: ALERTS.volumeAlmostFull,
        expr: `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${VOLUME_CRITICAL_FREE_RATIO}`,
        for: "5m",
        severity: "critical",
        summary: "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is almost full",
        description: `Less than ${VOLUME_CRITICAL_FREE_RATIO * 100} % of the volume is free.`,
      },
      {
        alert: ALERTS.volumeFillingUp,
        expr:
          `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${DISK_WARNING_FREE_RATIO}` +
          ` and predict_linear(kubelet_volume_stats_available_bytes[${DISK_FORECAST_LOOKBACK}], ${forecastSeconds}) < 0`,
        for: "1h",
        severity: "warning",
        summary: "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} fills up within a day",
        description:
          `Less than ${DISK_WARNING_FREE_RATIO * 100} % free and, at the rate of the last ${DISK_FORECAST_LOOKBACK}, full within ` +
          `${DISK_FORECAST_HOURS} hours.`,
      },
      {
        alert: ALERTS.nodeDiskFillingUp,
        expr:
          `node_filesystem_avail_bytes{mountpoint="/", fstype!="tmpfs"} / node_filesystem_size_bytes{mountpoint="/", ` +
          `fstype!="tmpfs"} < ${DISK_WARNING_FREE_RATIO}` +
          ` and predict_linear(node_filesystem_avail_bytes{mountpoint="/", fstype!="tmpfs"}[${DISK_FORECAST_LOOKBACK}], ` +
          `${forecastSeconds}) < 0`,
        for: "1h",
        severity: "warning",
        summary: "Root disk of node {{ $labels.instance }} fills up within a day",
        description:
          `Less than ${DISK_WARNING_FREE_RATIO * 100} % free and full within ${DISK_FORECAST_HOURS} hours at the current rate; ` +
          `images and logs fill node disks.`,
      },
    ],
  };
}

/** The platform alert rule groups. */
export function platformRuleGroups(context: RuleContext): IRuleGroup[] {
  return Object.entries(platformAlertSpecs()).map(([name, specs]) => ({ name, rules: specs.map((spec) => alertRule(spec, context)) }));
}
