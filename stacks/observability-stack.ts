import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { connectToCluster } from "../src/constructs/platform/cluster-connection";
import { OBSERVABILITY_NAMESPACE } from "../src/constructs/cluster/service-accounts";
import { ObservabilityResources } from "../src/constructs/observability/observability-resources";
import { KubePrometheusStack } from "../src/constructs/observability/kube-prometheus-stack";
import { ManifestsRelease } from "../src/constructs/observability/manifests-release";
import { observabilityExternalSecrets } from "../src/constructs/observability/observability-secrets";
import { DEFAULT_STORAGE_CLASS_NAME } from "../src/constructs/platform/default-storage-class";
import { FluentBit } from "../src/constructs/logs/fluent-bit";
import { defaultHighAvailability } from "../src/constructs/platform/defaults";
import { CLUSTER_SECRET_STORE } from "../src/constructs/platform/platform-resources";
import { defaultTraceStorage, Jaeger, JAEGER_NAME, JAEGER_QUERY_PORT } from "../src/constructs/observability/tracing/jaeger";
import { OtelCollector } from "../src/constructs/observability/tracing/otel-collector";
import { traceSamplePercent } from "../src/constructs/observability/tracing/sampling";
import { CORE_OUTPUTS, type CoreStack } from "./core-stack";
import { EnvironmentStack } from "./environment-stack";
import type { PlatformStack } from "./platform-stack";
import { StackOutputs } from "./stack-outputs";

/** The stacks the observability stack is applied after. */
export interface ObservabilityStackInputs {
  /** Owns the log search domain Fluent Bit writes to (its endpoint is read from core's state). */
  readonly core: CoreStack;
  /** Creates the observability namespace, the StorageClass, External Secrets and its store. */
  readonly platform: PlatformStack;
}

/**
 * `<env>-observability`: metrics, alerting and dashboards on the cluster — kube-prometheus-stack,
 * the SLO and platform PrometheusRules, ServiceMonitors of web and engine, the five Sparki
 * dashboards, the ExternalSecrets that feed Grafana and Alertmanager, and Fluent Bit shipping
 * container logs to the log search domain. A stack of its own
 * (not part of `<env>-platform`) so a dashboard or rule change plans only these releases, and a
 * failed Prometheus upgrade cannot block the add-ons the workloads depend on.
 */
export class ObservabilityStack extends EnvironmentStack {
  readonly prometheus: KubePrometheusStack;
  readonly jaeger: Jaeger;
  readonly collector: OtelCollector;

  constructor(scope: Construct, env: EnvironmentConfig, inputs: ObservabilityStackInputs) {
    super(scope, env, "observability");
    // The namespace, StorageClass and ClusterSecretStore come from the platform stack's apply;
    // nothing is read from its state, so the dependency is an order only.
    this.addDependency(inputs.platform);
    const core = new StackOutputs(this, "core-outputs", inputs.core);

    connectToCluster(this, { clusterName: this.clusterName, region: env.account.region });

    const namespace = OBSERVABILITY_NAMESPACE;
    const highAvailability = env.platform.highAvailability ?? defaultHighAvailability(env.tier);

    // Grafana and Alertmanager mount these Secrets, so they exist before the chart installs.
    const secrets = new ManifestsRelease(this, "secrets", {
      name: "observability-secrets",
      namespace,
      description: "ExternalSecrets of Grafana's admin login and Alertmanager's receiver keys",
      manifests: observabilityExternalSecrets({ namespace, prefix: this.resourcePrefix, storeName: CLUSTER_SECRET_STORE }),
    });
    // Jaeger first: Grafana's data source and the collector's exporter point at its Service.
    this.jaeger = new Jaeger(this, "jaeger", {
      namespace,
      storage: defaultTraceStorage(env.tier, DEFAULT_STORAGE_CLASS_NAME),
      overrides: env.addons.jaeger?.values,
    });
    this.prometheus = new KubePrometheusStack(this, "kube-prometheus-stack", {
      namespace,
      retentionDays: env.observability.metricsRetentionDays,
      storageClassName: DEFAULT_STORAGE_CLASS_NAME,
      highAvailability,
      region: env.account.region,
      tracesUrl: this.jaeger.queryUrl,
      overrides: env.addons.kubePrometheusStack?.values,
      dependsOn: [secrets.release.release],
    });
    // After kube-prometheus-stack: the collector's ServiceMonitor needs the operator's CRDs.
    this.collector = new OtelCollector(this, "otel-collector", {
      namespace,
      samplePercent: traceSamplePercent(env),
      jaegerEndpoint: this.jaeger.otlpEndpoint,
      highAvailability,
      dependsOn: [this.prometheus.release.release, this.jaeger.release.release],
    });
    new ObservabilityResources(this, "resources", {
      namespace,
      githubRepository: env.ci.githubRepository,
      region: env.account.region,
      dependsOn: [this.prometheus.release.release],
    });

    // After Prometheus: the chart's ServiceMonitor needs the operator's CRDs.
    new FluentBit(this, "fluent-bit", {
      namespace,
      endpoint: core.string(CORE_OUTPUTS.openSearchEndpoint),
      region: env.account.region,
      overrides: env.addons.fluentBit?.values,
      dependsOn: [this.prometheus.release.release],
    });

    new TerraformOutput(this, "prometheus_volume_gib", {
      value: this.prometheus.prometheusVolumeGiB,
      description: "Size of each Prometheus replica's gp3 volume",
    });
    new TerraformOutput(this, "grafana_access", {
      value: `kubectl -n ${namespace} port-forward svc/kube-prometheus-stack-grafana 3000:80`,
      description: "Grafana is not exposed; reach it through the Kubernetes API and log in",
    });
    new TerraformOutput(this, "trace_sample_percent", {
      value: traceSamplePercent(env),
      description: "Percent of ordinary traces kept; errors and traces slower than the latency objective are always kept",
    });
    new TerraformOutput(this, "jaeger_access", {
      value: `kubectl -n ${namespace} port-forward svc/${JAEGER_NAME} ${JAEGER_QUERY_PORT}:${JAEGER_QUERY_PORT}`,
      description: "Jaeger's UI is not exposed; reach it through the Kubernetes API (or use Grafana's Jaeger data source)",
    });
  }
}
