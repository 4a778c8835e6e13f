import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { sparkiDashboards } from "./dashboards/dashboards";
import { ManifestsRelease } from "./manifests-release";
import { prometheusRules } from "./rules/index";
import { workloadServiceMonitors } from "./service-monitors";

/** Label (and value) Grafana's dashboard sidecar watches ConfigMaps for. */
export const DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;
/** Labels of every object this construct ships. */
export const SPARKI_LABELS = { "app.kubernetes.io/part-of": "sparki", "app.kubernetes.io/managed-by": "cdktf" } as const;

export interface ObservabilityResourcesProps {
  readonly namespace: string;
  /** Repository the alerts' runbook links point into (`ci.githubRepository`). */
  readonly githubRepository: string;
  /** Region of the dashboards' CloudWatch queries. */
  readonly region: string;
  /** The release that installs the Prometheus operator's CRDs and Grafana's sidecar. */
  readonly dependsOn: ITerraformDependable[];
}

/** Sparki's PrometheusRules, ServiceMonitors and dashboards (ConfigMaps for the Grafana sidecar), as one release. */
export class ObservabilityResources extends Construct {
  readonly release: ManifestsRelease;

  constructor(scope: Construct, id: string, props: ObservabilityResourcesProps) {
    super(scope, id);
    const labels = { ...SPARKI_LABELS };
    const dashboards = sparkiDashboards({ region: props.region }).map(
      (dashboard): IConfigMap => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `dashboard-${dashboard.uid}`, namespace: props.namespace, labels: { ...labels, ...DASHBOARD_LABEL } },
        data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboard) },
      }),
    );
    this.release = new ManifestsRelease(this, "release", {
      name: "sparki-observability",
      namespace: props.namespace,
      description: "Sparki's alerting and recording rules, ServiceMonitors and Grafana dashboards",
      manifests: [
        ...prometheusRules(props.namespace, { githubRepository: props.githubRepository }, labels),
        ...workloadServiceMonitors(props.namespace, labels),
        ...dashboards,
      ],
      dependsOn: props.dependsOn,
    });
  }
}
