/**
 * The charts this platform installs, each pinned to one exact version whose values file is
 * vendored under `charts/<chart>/<version>/`. Checked 2026-11-23; an upgrade changes the
 * version here and vendors the new files in the same commit.
 */
export interface ChartRef {
  readonly chart: string;
  /** `https://` Helm repository or `oci://` registry. */
  readonly repository: string;
  /** Exact chart version. */
  readonly version: string;
  /** Maps the chart documents as free-form beyond its `{}` defaults (dotted, `*` = any key). */
  readonly openPaths?: readonly string[];
}

export const CHARTS = {
  /** kubernetes-sigs/aws-load-balancer-controller, tag v3.5.0 (app v3.5.0). */
  awsLoadBalancerController: { chart: "aws-load-balancer-controller", repository: "https://aws.github.io/eks-charts", version: "3.5.0" },
  /** external-secrets/external-secrets, chart release commit for 2.9.0 (app v2.9.0). Ships values.schema.json. */
  externalSecrets: { chart: "external-secrets", repository: "https://charts.external-secrets.io", version: "2.9.0" },
  /** kubernetes-sigs/metrics-server, tag metrics-server-helm-chart-3.13.1 (app 0.8.1). */
  metricsServer: {
    chart: "metrics-server",
    repository: "https://kubernetes-sigs.github.io/metrics-server/",
    version: "3.13.1",
    // A Kubernetes ResourceRequirements; the default only shows `requests`.
    openPaths: ["resources"],
  },
  /** prometheus-community/helm-charts, tag kube-prometheus-stack-88.5.3 (operator v0.93.1). */
  kubePrometheusStack: {
    chart: "kube-prometheus-stack",
    repository: "https://prometheus-community.github.io/helm-charts",
    version: "88.5.3",
    // Subchart (grafana 12.11.1) keys the parent's values.yaml does not list, and the free-form
    // Alertmanager configuration and Kubernetes specs.
    openPaths: [
      "grafana.serviceAccount",
      "grafana.resources",
      "alertmanager.config",
      "prometheus.prometheusSpec.storageSpec",
      "*.*.resources",
    ],
  },
  /** open-telemetry/opentelemetry-helm-charts, tag opentelemetry-collector-0.170.0 (collector 0.158.0). Ships values.schema.json. */
  openTelemetryCollector: {
    chart: "opentelemetry-collector",
    repository: "https://open-telemetry.github.io/opentelemetry-helm-charts",
    version: "0.170.0",
    // The schema lists only `enabled`; minAvailable/maxUnavailable are read by templates/pdb.yaml.
    openPaths: ["podDisruptionBudget"],
  },
  /** jaegertracing/helm-charts, tag jaeger-4.11.1 (Jaeger v2.19.0, all-in-one Deployment). */
  jaeger: {
    chart: "jaeger",
    repository: "https://jaegertracing.github.io/helm-charts",
    version: "4.11.1",
    // Read by templates/jaeger/jaeger-deploy.yaml but only a comment in values.yaml.
    openPaths: ["jaeger.resources"],
  },
  /** fluent/helm-charts, tag fluent-bit-0.58.1 (Fluent Bit 5.1.1: signs with EKS Pod Identity credentials). */
  fluentBit: { chart: "fluent-bit", repository: "https://fluent.github.io/helm-charts", version: "0.58.1" },
  /** aws/karpenter-provider-aws, release commit for 1.14.1. Published as an OCI chart. */
  karpenter: { chart: "karpenter", repository: "oci://public.ecr.aws/karpenter", version: "1.14.1" },
} as const satisfies Record<string, ChartRef>;
