/**
 * The vendored values files of every pinned chart version, under `charts/<chart>/<version>/`
 * (each with a SOURCE note). They are imported as data, so synthesis works from any working
 * directory and the bundle carries them: `values.schema.json` as published, `values.yaml` as
 * `values.json` (written by scripts/vendor-chart-values.ts; a test keeps the two in sync).
 * Vendoring a chart version: add its folder and one line to VENDORED below.
 */
import albValues from "./charts/aws-load-balancer-controller/3.5.0/values.json";
import esoSchema from "./charts/external-secrets/2.9.0/values.schema.json";
import fluentBitValues from "./charts/fluent-bit/0.58.1/values.json";
import jaegerValues from "./charts/jaeger/4.11.1/values.json";
import karpenterCrdValues from "./charts/karpenter-crd/1.14.1/values.json";
import karpenterValues from "./charts/karpenter/1.14.1/values.json";
import kubePrometheusStackValues from "./charts/kube-prometheus-stack/88.5.3/values.json";
import metricsServerValues from "./charts/metrics-server/3.13.1/values.json";
import otelCollectorSchema from "./charts/opentelemetry-collector/0.170.0/values.schema.json";

/** Where vendored chart files live, relative to the project root. */
export const CHART_FILES_DIR = "src/constructs/helm/charts";

export type ChartValuesSpec =
  | { readonly kind: "schema"; readonly schema: Record<string, unknown> }
  | { readonly kind: "defaults"; readonly defaults: Record<string, unknown> };

const defaults = (values: unknown): ChartValuesSpec => ({ kind: "defaults", defaults: values as Record<string, unknown> });

/** Vendored values files by `<chart>@<version>`. */
export const VENDORED: Readonly<Record<string, ChartValuesSpec>> = {
  "aws-load-balancer-controller@3.5.0": defaults(albValues),
  "external-secrets@2.9.0": { kind: "schema", schema: esoSchema as Record<string, unknown> },
  "jaeger@4.11.1": defaults(jaegerValues),
  "fluent-bit@0.58.1": defaults(fluentBitValues),
  "karpenter@1.14.1": defaults(karpenterValues),
  "karpenter-crd@1.14.1": defaults(karpenterCrdValues),
  "kube-prometheus-stack@88.5.3": defaults(kubePrometheusStackValues),
  "metrics-server@3.13.1": defaults(metricsServerValues),
  "opentelemetry-collector@0.170.0": { kind: "schema", schema: otelCollectorSchema as Record<string, unknown> },
};

/** The chart version's values.schema.json when vendored, else its values.yaml; undefined when neither is. */
export function chartValuesSpec(chart: string, version: string): ChartValuesSpec | undefined {
  return VENDORED[`${chart}@${version}`];
}
