import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../../helm/chart-catalog";
import { HelmRelease } from "../../helm/helm-release";
import { deepMerge, type HelmValues } from "../../helm/values";
import { replicasFor, zoneSpread } from "../../platform/defaults";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "../../workloads/catalog";
import { tailSamplingConfig } from "./sampling";

/** The gateway's release name and Service: `OTLP_ENDPOINT` in the workloads' catalog points here. */
export const OTEL_COLLECTOR_NAME = "otel-collector";
/** With high availability: the second tier that tail-samples, behind a headless Service. */
export const OTEL_SAMPLER_NAME = "otel-collector-sampler";
/** The contrib distribution: it carries tail_sampling and the loadbalancing exporter. */
export const OTEL_COLLECTOR_IMAGE = { repository: "otel/opentelemetry-collector-contrib", tag: "0.158.0" };
/** Gateway pods hold traces for the decision wait; the memory limiter refuses data near the limit. */
export const OTEL_COLLECTOR_RESOURCES = { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "1Gi" } };
/** Seconds between re-resolutions of the sampler's headless Service (pods added or gone). */
const RESOLVER_INTERVAL = "5s";
const JAEGER_EXPORTER = "otlp_grpc/jaeger";
const BALANCER_EXPORTER = "loadbalancing";

export interface OtelCollectorProps {
  readonly namespace: string;
  /** Percent of ordinary traces kept (errors and slow traces are always kept). */
  readonly samplePercent: number;
  /** Jaeger's OTLP gRPC `host:port`. */
  readonly jaegerEndpoint: string;
  /**
   * Two replicas of each tier with PodDisruptionBudgets: a trace-ID load-balancing gateway in
   * front of the tail-sampling tier, so every span of a trace reaches the same sampler.
   */
  readonly highAvailability: boolean;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

const pod = "${env:MY_POD_IP}";
const otlpReceiver = (http: boolean): HelmValues => ({
  otlp: {
    protocols: { grpc: { endpoint: `${pod}:${OTLP_GRPC_PORT}` }, ...(http ? { http: { endpoint: `${pod}:${OTLP_HTTP_PORT}` } } : {}) },
  },
});

/**
 * A collector configuration over the chart's default: `null` removes the chart's Jaeger, Zipkin
 * and Prometheus receivers, its debug exporter and its logs and metrics pipelines, leaving one
 * traces pipeline.
 */
export function collectorConfig(opts: {
  receiveHttp: boolean;
  processors: Record<string, HelmValues>;
  exporters: Record<string, HelmValues>;
}): HelmValues {
  return {
    receivers: { jaeger: null, zipkin: null, prometheus: null, ...otlpReceiver(opts.receiveHttp) },
    processors: {
      memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 },
      batch: {},
      ...opts.processors,
    },
    exporters: { debug: null, ...opts.exporters },
    service: {
      pipelines: {
        logs: null,
        metrics: null,
        traces: {
          receivers: ["otlp"],
          processors: ["memory_limiter", ...Object.keys(opts.processors), "batch"],
          exporters: Object.keys(opts.exporters),
        },
      },
    },
  };
}

/** Exports the sampled traces to Jaeger (in-cluster, plain gRPC inside the namespace). */
export function jaegerExporter(endpoint: string): Record<string, HelmValues> {
  return { [JAEGER_EXPORTER]: { endpoint, tls: { insecure: true } } };
}

/** Routes every span by trace ID to one sampler pod, found through the headless Service's DNS. */
export function balancerExporter(samplerHost: string): Record<string, HelmValues> {
  return {
    [BALANCER_EXPORTER]: {
      routing_key: "traceID",
      protocol: { otlp: { tls: { insecure: true } } },
      resolver: { dns: { hostname: samplerHost, port: String(OTLP_GRPC_PORT), interval: RESOLVER_INTERVAL } },
    },
  };
}

/**
 * The OpenTelemetry Collector gateway (chart `opentelemetry-collector`, mode deployment, contrib
 * image): OTLP gRPC and HTTP in from web and engine on the Service `otel-collector`, memory
 * limiter, tail sampling (errors, slower than the latency SLO, a percentage of the rest), batch,
 * OTLP out to Jaeger. Tail sampling needs every span of a trace on one collector: without high
 * availability one replica does everything; with it, `otel-collector` (2 replicas) only routes by
 * trace ID to `otel-collector-sampler` (2 replicas, headless Service), which samples.
 */
export class OtelCollector extends Construct {
  /** The release behind `OTLP_ENDPOINT`. */
  readonly gateway: HelmRelease;
  /** The tail-sampling tier, when highly available. */
  readonly sampler?: HelmRelease;

  constructor(scope: Construct, id: string, props: OtelCollectorProps) {
    super(scope, id);
    const ha = props.highAvailability;
    const sampling = { tail_sampling: tailSamplingConfig(props.samplePercent) };
    const toJaeger = jaegerExporter(props.jaegerEndpoint);
    if (ha) {
      this.sampler = this.release("sampler", OTEL_SAMPLER_NAME, props, {
        config: collectorConfig({ receiveHttp: false, processors: sampling, exporters: toJaeger }),
        // Headless: DNS returns every ready pod's address, which the gateway's resolver needs.
        service: { clusterIP: "None" },
      });
    }
    const samplerHost = `${OTEL_SAMPLER_NAME}.${props.namespace}.svc.cluster.local`;
    this.gateway = this.release("release", OTEL_COLLECTOR_NAME, props, {
      config: ha
        ? collectorConfig({ receiveHttp: true, processors: {}, exporters: balancerExporter(samplerHost) })
        : collectorConfig({ receiveHttp: true, processors: sampling, exporters: toJaeger }),
    });
  }

  private release(id: string, name: string, props: OtelCollectorProps, values: HelmValues): HelmRelease {
    const ha = props.highAvailability;
    return new HelmRelease(this, id, {
      name,
      namespace: props.namespace,
      ...CHARTS.openTelemetryCollector,
      defaults: deepMerge<HelmValues>(
        {},
        {
          mode: "deployment",
          fullnameOverride: name,
          image: OTEL_COLLECTOR_IMAGE,
          replicaCount: replicasFor(ha),
          resources: OTEL_COLLECTOR_RESOURCES,
          podDisruptionBudget: { enabled: ha, minAvailable: 1 },
          topologySpreadConstraints: ha
            ? zoneSpread({ "app.kubernetes.io/name": "opentelemetry-collector", "app.kubernetes.io/instance": name })
            : [],
          // Only OTLP: the chart's Jaeger and Zipkin ports have no receiver behind them.
          ports: {
            "otlp-http": { enabled: name === OTEL_COLLECTOR_NAME },
            "jaeger-compact": { enabled: false },
            "jaeger-thrift": { enabled: false },
            "jaeger-grpc": { enabled: false },
            zipkin: { enabled: false },
            metrics: { enabled: true },
          },
          // The collector's own metrics (queue, refused and sampled spans) reach Prometheus.
          serviceMonitor: { enabled: true },
          // The collector never calls the Kubernetes API (no k8sattributes, DNS resolver only).
          serviceAccount: { automountServiceAccountToken: false },
        },
        values,
      ),
      dependsOn: props.dependsOn,
    });
  }
}
