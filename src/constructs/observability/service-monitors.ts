import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { METRICS_PORT_NAME, WORKLOAD_NAMES, WORKLOAD_NAMESPACE, WORKLOADS, workloadLabels, type WorkloadName } from "../workloads/catalog";
import { COLOUR_LABEL, WORKLOAD_LABEL } from "./metrics-contract";

/** Scrape interval of the workloads: the shortest SLO window (5m) then holds ten samples. */
export const WORKLOAD_SCRAPE_INTERVAL = "30s";

/** Prometheus' meta label of a Service label (non-alphanumerics become `_`). */
const serviceLabel = (label: string) => `__meta_kubernetes_service_label_${label.replace(/[^A-Za-z0-9]/g, "_")}`;

/**
 * A ServiceMonitor of one workload: every colour's Service (`<workload>-<colour>` in the apps
 * namespace) by the workload labels, so a new colour is scraped without a change here. Series get
 * `workload` and `colour` labels from the Service, which the rules and dashboards group by.
 */
export function workloadServiceMonitor(workload: WorkloadName, namespace: string, labels: Record<string, string>): IServiceMonitor {
  const spec = WORKLOADS[workload];
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: `sparki-${workload}`, namespace, labels },
    spec: {
      namespaceSelector: { matchNames: [WORKLOAD_NAMESPACE] },
      selector: { matchLabels: workloadLabels(workload) },
      endpoints: [
        {
          port: METRICS_PORT_NAME,
          path: spec.metricsPath,
          interval: WORKLOAD_SCRAPE_INTERVAL,
          relabelings: [
            { action: "replace", sourceLabels: [serviceLabel("app.kubernetes.io/name")], targetLabel: WORKLOAD_LABEL },
            { action: "replace", sourceLabels: [serviceLabel("sparki.dev/colour")], targetLabel: COLOUR_LABEL },
          ],
        },
      ],
    },
  };
}

export function workloadServiceMonitors(namespace: string, labels: Record<string, string>): IServiceMonitor[] {
  return WORKLOAD_NAMES.map((w) => workloadServiceMonitor(w, namespace, labels));
}
