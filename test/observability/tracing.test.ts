import { readFileSync } from "node:fs";
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../../src/config/schema";
import { CHART_FILES_DIR } from "../../src/constructs/helm/chart-files";
import { DEFAULT_STORAGE_CLASS_NAME } from "../../src/constructs/platform/default-storage-class";
import { JAEGER_NAME, JAEGER_OTLP_GRPC_PORT, JAEGER_QUERY_PORT } from "../../src/constructs/observability/tracing/jaeger";
import { OTEL_COLLECTOR_NAME, OTEL_SAMPLER_NAME } from "../../src/constructs/observability/tracing/otel-collector";
import { workloadNetworkPolicies } from "../../src/constructs/workloads/network-policies";
import { OTLP_ENDPOINT, OTLP_GRPC_PORT, OTLP_HTTP_PORT } from "../../src/constructs/workloads/catalog";
import { ClusterStack } from "../../stacks/cluster-stack";
import { CoreStack } from "../../stacks/core-stack";
import { ObservabilityStack } from "../../stacks/observability-stack";
import { PlatformStack } from "../../stacks/platform-stack";
import { bodies, environment, synthJson, testApp, type TerraformJson } from "../helpers/synth";

function synthesize(env: EnvironmentConfig): { platform: TerraformJson; observability: TerraformJson } {
  const app = testApp();
  const core = new CoreStack(app, env);
  const cluster = new ClusterStack(app, env, core);
  const platform = new PlatformStack(app, env, { core, cluster });
  const stack = new ObservabilityStack(app, env, { core, platform });
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return { platform: synthJson(platform), observability: synthJson(stack) };
}
const cache = new Map<string, ReturnType<typeof synthesize>>();
const synth = (name: string, change?: (env: EnvironmentConfig) => EnvironmentConfig) => {
  const key = `${name}${change ? `:${change.toString()}` : ""}`;
  if (!cache.has(key)) cache.set(key, synthesize(change ? change(environment(name)) : environment(name)));
  return cache.get(key)!;
};
type Release = Record<string, unknown> & { name: string; values: string[]; depends_on?: string[] };
const releases = (json: TerraformJson) => Object.fromEntries(bodies(json, "helm_release").map((r) => [r.name as string, r as Release]));
const values = (name: string, release: string, change?: (env: EnvironmentConfig) => EnvironmentConfig) => {
  const r = releases(synth(name, change).observability)[release];
  if (!r) throw new Error(`no release ${release} in ${name}`);
  return parse(r.values[0]);
};
const withSample = (percent: number | undefined) => (env: EnvironmentConfig) => ({
  ...env,
  observability: { ...env.observability, traceSamplePercent: percent },
});
const withHa = (ha: boolean) => (env: EnvironmentConfig) => ({ ...env, platform: { ...env.platform, highAvailability: ha } });
const policy = (config: any, type: string) => config.processors.tail_sampling.policies.find((p: { type: string }) => p.type === type);

describe("tracing: OpenTelemetry Collector gateway", () => {
  it("the gateway's Service is the host and port the workloads export to", () => {
    const v = values("dev", OTEL_COLLECTOR_NAME);
    const url = new URL(OTLP_ENDPOINT);
    expect(url.hostname).toBe(`${v.fullnameOverride}.observability.svc.cluster.local`);
    expect(Number(url.port)).toBe(OTLP_GRPC_PORT);
    // The chart serves the otlp port on 4317 unless told otherwise; nothing here changes it.
    expect(v.ports.otlp).toBeUndefined();
    expect(parse(readFileSync(`${CHART_FILES_DIR}/opentelemetry-collector/0.170.0/values.yaml`, "utf8")).ports.otlp).toMatchObject({
      enabled: true,
      servicePort: OTLP_GRPC_PORT,
    });
    expect(v.mode).toBe("deployment");
    expect(v.image).toEqual({ repository: "otel/opentelemetry-collector-contrib", tag: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(v.config.receivers.otlp.protocols.grpc.endpoint).toMatch(new RegExp(`:${OTLP_GRPC_PORT}$`));
    expect(v.config.receivers.otlp.protocols.http.endpoint).toMatch(new RegExp(`:${OTLP_HTTP_PORT}$`));
  });

  it("removes the chart's default receivers, debug exporter and non-trace pipelines (null deletes a chart default)", () => {
    const { config, ports } = values("dev", OTEL_COLLECTOR_NAME);
    expect(config.receivers).toMatchObject({ jaeger: null, zipkin: null, prometheus: null });
    expect(config.exporters.debug).toBeNull();
    expect(config.service.pipelines).toMatchObject({ logs: null, metrics: null });
    // Only OTLP (gRPC by the chart's default, HTTP) and the collector's metrics stay open.
    expect(
      Object.entries(ports)
        .filter(([, p]: [string, any]) => p.enabled)
        .map(([name]) => name)
        .sort(),
    ).toEqual(["metrics", "otlp-http"]);
    expect(
      Object.entries(ports)
        .filter(([, p]: [string, any]) => !p.enabled)
        .map(([name]) => name)
        .sort(),
    ).toEqual(["jaeger-compact", "jaeger-grpc", "jaeger-thrift", "zipkin"]);
  });

  it("without high availability one replica limits memory, tail-samples, batches and exports to Jaeger in that order", () => {
    const releasesOf = releases(synth("dev").observability);
    expect(releasesOf[OTEL_SAMPLER_NAME]).toBeUndefined();
    const { config, replicaCount, podDisruptionBudget } = values("dev", OTEL_COLLECTOR_NAME);
    expect(replicaCount).toBe(1);
    expect(podDisruptionBudget.enabled).toBe(false);
    expect(config.service.pipelines.traces).toEqual({
      receivers: ["otlp"],
      processors: ["memory_limiter", "tail_sampling", "batch"],
      exporters: ["otlp_grpc/jaeger"],
    });
    expect(config.exporters["otlp_grpc/jaeger"].endpoint).toBe(`${JAEGER_NAME}.observability.svc.cluster.local:${JAEGER_OTLP_GRPC_PORT}`);
  });

  it("keeps every error and every trace slower than the 1 s latency objective", () => {
    const { config } = values("dev", OTEL_COLLECTOR_NAME);
    expect(policy(config, "status_code").status_code.status_codes).toEqual(["ERROR"]);
    expect(policy(config, "latency").latency.threshold_ms).toBe(1000);
  });

  it("samples the rest at the tier's default (development 100 %, production 10 %) or the file's percentage", () => {
    expect(policy(values("dev", OTEL_COLLECTOR_NAME).config, "probabilistic").probabilistic.sampling_percentage).toBe(100);
    expect(policy(values("prod", OTEL_SAMPLER_NAME).config, "probabilistic").probabilistic.sampling_percentage).toBe(10);
    expect(policy(values("dev", OTEL_COLLECTOR_NAME, withSample(2.5)).config, "probabilistic").probabilistic.sampling_percentage).toBe(2.5);
    expect(synth("dev", withSample(2.5)).observability.output?.trace_sample_percent).toMatchObject({ value: 2.5 });
  });

  it("with high availability the gateway routes by trace ID to a headless sampler tier, both with two replicas and a PDB", () => {
    const gateway = values("prod", OTEL_COLLECTOR_NAME);
    const sampler = values("prod", OTEL_SAMPLER_NAME);
    expect(gateway.config.processors.tail_sampling).toBeUndefined();
    expect(gateway.config.service.pipelines.traces.exporters).toEqual(["loadbalancing"]);
    const balancer = gateway.config.exporters.loadbalancing;
    expect(balancer.routing_key).toBe("traceID");
    expect(balancer.resolver.dns.hostname).toBe(`${OTEL_SAMPLER_NAME}.observability.svc.cluster.local`);
    expect(sampler.service.clusterIP).toBe("None");
    expect(sampler.config.service.pipelines.traces.processors).toContain("tail_sampling");
    expect(sampler.config.service.pipelines.traces.exporters).toEqual(["otlp_grpc/jaeger"]);
    for (const v of [gateway, sampler]) {
      expect(v.replicaCount).toBe(2);
      expect(v.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
      expect(v.resources.requests).toBeDefined();
    }
    // A development environment that asks for high availability gets the same two tiers.
    expect(releases(synth("dev", withHa(true)).observability)[OTEL_SAMPLER_NAME]).toBeDefined();
  });

  it("installs after kube-prometheus-stack (its ServiceMonitor needs the CRDs) and Jaeger", () => {
    const r = releases(synth("dev").observability)[OTEL_COLLECTOR_NAME];
    expect(r.depends_on?.some((d) => d.includes("kube-prometheus-stack"))).toBe(true);
    expect(r.depends_on?.some((d) => d.includes("jaeger"))).toBe(true);
    expect(values("dev", OTEL_COLLECTOR_NAME).serviceMonitor.enabled).toBe(true);
  });
});

describe("tracing: Jaeger", () => {
  it("development keeps a bounded in-memory store and no volume", () => {
    const v = values("dev", JAEGER_NAME);
    expect(v.userconfig.extensions.jaeger_storage.backends.primary).toEqual({ memory: { max_traces: expect.any(Number) } });
    expect(v.extraObjects ?? []).toEqual([]);
    expect(v.jaeger.replicas).toBe(1);
    expect(v.jaeger.resources.requests).toBeDefined();
  });

  it("production keeps a week in Badger on an encrypted gp3 claim mounted where Badger writes", () => {
    const v = values("prod", JAEGER_NAME);
    const badger = v.userconfig.extensions.jaeger_storage.backends.primary.badger;
    expect(badger).toMatchObject({ ephemeral: false, span_store_ttl: "168h" });
    const [claim] = v.extraObjects;
    expect(claim).toMatchObject({
      kind: "PersistentVolumeClaim",
      spec: { storageClassName: DEFAULT_STORAGE_CLASS_NAME, accessModes: ["ReadWriteOnce"] },
    });
    const mount = v.jaeger.extraVolumeMounts[0].mountPath;
    expect(badger.directory_key.startsWith(`${mount}/`)).toBe(true);
    expect(badger.directory_value.startsWith(`${mount}/`)).toBe(true);
    expect(v.jaeger.extraVolumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
  });

  it("listens on all addresses for OTLP, the query API and health (the image defaults to localhost)", () => {
    const { userconfig, fullnameOverride } = values("dev", JAEGER_NAME);
    expect(fullnameOverride).toBe(JAEGER_NAME);
    expect(userconfig.receivers.otlp.protocols.grpc.endpoint).toBe(`0.0.0.0:${JAEGER_OTLP_GRPC_PORT}`);
    expect(userconfig.extensions.jaeger_query.http.endpoint).toBe(`0.0.0.0:${JAEGER_QUERY_PORT}`);
    expect(userconfig.extensions.healthcheckv2.http.endpoint).toBe("0.0.0.0:13133");
    expect(userconfig.service.pipelines.traces.exporters).toEqual(["jaeger_storage_exporter"]);
  });

  it("Grafana has a Jaeger data source at Jaeger's query Service", () => {
    const kps = values("dev", "kube-prometheus-stack");
    const source = kps.grafana.additionalDataSources.find((d: { type: string }) => d.type === "jaeger");
    expect(source).toMatchObject({ uid: "jaeger", url: `http://${JAEGER_NAME}.observability.svc.cluster.local:${JAEGER_QUERY_PORT}` });
  });
});

describe("tracing: network policies", () => {
  it("the observability namespace admits the apps namespace on the OTLP ports only", () => {
    const policies = bodies(synth("dev").platform, "kubernetes_network_policy_v1") as any[];
    const inObservability = (name: string) =>
      policies.find((p) => p.metadata.name === name && p.metadata.namespace.includes("observability-namespace"));
    const fromApps = inObservability("allow-ingress").spec.ingress.find((rule: any) =>
      rule.from.some((peer: any) => peer.namespace_selector?.match_labels?.["kubernetes.io/metadata.name"] === "apps"),
    );
    expect(fromApps.ports.map((p: any) => Number(p.port)).sort()).toEqual([OTLP_GRPC_PORT, OTLP_HTTP_PORT]);
    // Collector → Jaeger and Grafana → Jaeger stay inside the namespace.
    expect(inObservability("allow-same-namespace").spec.ingress).toEqual([{ from: [{ pod_selector: {} }] }]);
  });

  it("web and engine may send OTLP to the observability namespace on the same ports", () => {
    for (const workload of ["web", "engine"] as const) {
      const [, egress] = workloadNetworkPolicies({
        workload,
        loadBalancerCidrs: ["10.0.0.0/24"],
        dataStoreCidrs: ["10.0.1.0/24"],
        usesDataStores: true,
      });
      const otlp = egress.spec!.egress!.find((rule) =>
        rule.to?.some((peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "observability"),
      );
      expect(otlp?.ports?.map((p) => p.port).sort()).toEqual([OTLP_GRPC_PORT, OTLP_HTTP_PORT]);
    }
  });
});
