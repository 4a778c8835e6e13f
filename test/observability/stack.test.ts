import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { TerraformStack } from "cdktf";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../../src/config/schema";
import { EXACT_CHART_VERSION } from "../../src/constructs/helm/helm-release";
import { KubePrometheusStack, prometheusStorageGiB } from "../../src/constructs/observability/kube-prometheus-stack";
import { ManifestsRelease } from "../../src/constructs/observability/manifests-release";
import { OBSERVABILITY_SECRETS } from "../../src/constructs/observability/observability-secrets";
import { ClusterStack } from "../../stacks/cluster-stack";
import { CoreStack } from "../../stacks/core-stack";
import { ObservabilityStack } from "../../stacks/observability-stack";
import { PlatformStack } from "../../stacks/platform-stack";
import { bodies, environment, resourcesOf, synthJson, testApp, type TerraformJson } from "../helpers/synth";

interface Synthesized {
  readonly core: TerraformJson;
  readonly cluster: TerraformJson;
  readonly platform: TerraformJson;
  readonly observability: TerraformJson;
  /** Files of each generated chart, by release name. */
  readonly charts: Record<string, Readonly<Record<string, string>>>;
}

function synthesize(env: EnvironmentConfig): Synthesized {
  const app = testApp();
  const core = new CoreStack(app, env);
  const cluster = new ClusterStack(app, env, core);
  const platform = new PlatformStack(app, env, { core, cluster });
  const stack = new ObservabilityStack(app, env, { core, platform });
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  const charts = Object.fromEntries(
    stack.node.findAll().flatMap((c) => (c instanceof ManifestsRelease ? [[c.release.name, c.files] as const] : [])),
  );
  return { core: synthJson(core), cluster: synthJson(cluster), platform: synthJson(platform), observability: synthJson(stack), charts };
}
const cache = new Map<string, Synthesized>();
const synth = (name: string) => {
  if (!cache.has(name)) cache.set(name, synthesize(environment(name)));
  return cache.get(name)!;
};
const releases = (json: TerraformJson) => Object.fromEntries(bodies(json, "helm_release").map((r) => [r.name as string, r]));
const kps = (name: string) => {
  const release = releases(synth(name).observability)["kube-prometheus-stack"];
  return { release, values: parse((release.values as string[])[0]) };
};
/** Every manifest a generated chart ships, parsed. */
const manifests = (name: string, release: string) =>
  Object.entries(synth(name).charts[release])
    .filter(([path]) => path.startsWith("manifests/"))
    .map(
      ([, body]) =>
        parse(body) as {
          kind: string;
          metadata: { name: string; labels?: Record<string, string> };
          spec?: any;
          data?: Record<string, string>;
        },
    );

describe("ObservabilityStack", () => {
  it("talks to the cluster through data sources and creates no AWS resources", () => {
    const json = synth("dev").observability;
    expect(json.data?.aws_eks_cluster?.cluster).toMatchObject({ name: "sparki-dev" });
    expect(Object.keys(json.resource ?? {})).toEqual(["helm_release"]);
  });

  it("installs secrets, then kube-prometheus-stack, then Sparki's rules and dashboards and Fluent Bit, all pinned", () => {
    const json = synth("prod").observability;
    const byName = releases(json);
    // Production (highly available) runs the collector in two layers: forwarders and samplers.
    expect(Object.keys(byName).sort()).toEqual([
      "fluent-bit",
      "jaeger",
      "kube-prometheus-stack",
      "observability-secrets",
      "otel-collector",
      "otel-collector-sampler",
      "sparki-observability",
    ]);
    for (const release of Object.values(byName)) {
      expect(release.version).toMatch(EXACT_CHART_VERSION);
      expect(release).toMatchObject({ namespace: "observability", atomic: true, create_namespace: false });
    }
    expect(byName["kube-prometheus-stack"]).toMatchObject({
      chart: "kube-prometheus-stack",
      repository: "https://prometheus-community.github.io/helm-charts",
      version: "88.5.3",
    });
    const address = (name: string) => resourcesOf(json, "helm_release").find(([, r]) => r.name === name)![0];
    expect(byName["kube-prometheus-stack"].depends_on).toEqual([`helm_release.${address("observability-secrets")}`]);
    expect(byName["sparki-observability"].depends_on).toEqual([`helm_release.${address("kube-prometheus-stack")}`]);
    expect(byName["fluent-bit"].depends_on).toEqual([`helm_release.${address("kube-prometheus-stack")}`]);
  });

  it.each([
    ["dev", "7d", "20Gi", "17GB", 1, 1],
    ["staging", "15d", "30Gi", "25GB", 2, 3],
    ["prod", "30d", "60Gi", "51GB", 2, 3],
  ])(
    "%s: Prometheus keeps %s on a %s gp3 volume, deletes beyond %s, %i replica(s); Alertmanager %i",
    (env, retention, volume, size, prometheusReplicas, alertmanagerReplicas) => {
      const spec = kps(env).values.prometheus.prometheusSpec;
      expect(spec).toMatchObject({ retention, retentionSize: size, replicas: prometheusReplicas });
      expect(spec.storageSpec.volumeClaimTemplate.spec).toEqual({
        storageClassName: "gp3-encrypted",
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: volume } },
      });
      expect(kps(env).values.alertmanager.alertmanagerSpec.replicas).toBe(alertmanagerReplicas);
      // A disruption budget wherever there is more than one replica to keep.
      expect(kps(env).values.prometheus.podDisruptionBudget.enabled).toBe(prometheusReplicas > 1);
      expect(kps(env).values.alertmanager.podDisruptionBudget.enabled).toBe(alertmanagerReplicas > 1);
    },
  );

  it("refuses a misspelt kube-prometheus-stack value before any Terraform is written", () => {
    const stack = new TerraformStack(testApp(), "typo");
    const props = {
      namespace: "observability",
      retentionDays: 7,
      storageClassName: "gp3-encrypted",
      highAvailability: false,
      region: "us-east-1",
    };
    const typo =
      /values\.prometheus\.prometheusSpec\.retension\n {2}problem: .*unknown key.*did you mean prometheus\.prometheusSpec\.retention/;
    expect(
      () => new KubePrometheusStack(stack, "kps", { ...props, overrides: { prometheus: { prometheusSpec: { retension: "1d" } } } }),
    ).toThrow(typo);
  });

  it("sizes Prometheus' volume from retention: 2 GiB a day, at least 20 GiB", () => {
    expect([1, 10, 11, 30, 400].map(prometheusStorageGiB)).toEqual([20, 20, 22, 60, 800]);
  });

  it("selects rules, ServiceMonitors, PodMonitors and Probes of every release", () => {
    expect(kps("dev").values.prometheus.prometheusSpec).toMatchObject({
      ruleSelectorNilUsesHelmValues: false,
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      probeSelectorNilUsesHelmValues: false,
    });
  });

  it("keeps every credential out of values: Grafana's admin and the receivers' keys come from ExternalSecrets", () => {
    const { values, release } = kps("prod");
    const text = (release.values as string[])[0];
    expect(text).not.toMatch(/adminPassword|routing_key:|service_key:|api_url:|[^_]url: https:\/\/hooks/);
    expect(values.grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    const receivers = values.alertmanager.config.receivers as Record<string, Record<string, string>[]>[];
    const files = receivers.flatMap((r) => [
      ...(r.pagerduty_configs ?? []).map((c) => c.routing_key_file),
      ...(r.slack_configs ?? []).map((c) => c.api_url_file),
    ]);
    expect(files).toEqual([
      "/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key",
      "/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url",
    ]);
    expect(values.alertmanager.alertmanagerSpec.secrets).toEqual(["alertmanager-receivers"]);
    // The Secrets those paths and Grafana read are written by ExternalSecrets from this environment's Secrets Manager entries.
    const externalSecrets = manifests("prod", "observability-secrets");
    expect(externalSecrets.map((m) => [m.kind, m.spec.target.name])).toEqual([
      ["ExternalSecret", "grafana-admin"],
      ["ExternalSecret", "alertmanager-receivers"],
    ]);
    const remoteKeys = externalSecrets.flatMap((m) => m.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key)).sort();
    expect(remoteKeys).toEqual(OBSERVABILITY_SECRETS.map((s) => `sparki-prod/${s.id}`).sort());
    expect(externalSecrets[1].spec.data.map((d: { secretKey: string }) => d.secretKey).sort()).toEqual([
      "pagerduty-routing-key",
      "slack-webhook-url",
    ]);
    expect(
      externalSecrets.every(
        (m) => m.spec.secretStoreRef.kind === "ClusterSecretStore" && m.spec.secretStoreRef.name === "aws-secrets-manager",
      ),
    ).toBe(true);
  });

  it("keeps ExternalSecret templates and alert annotations out of Helm's template engine", () => {
    const chart = synth("dev").charts["sparki-observability"];
    expect(chart["templates/manifests.yaml"]).toContain(".Files.Get $path");
    expect(Object.keys(chart).filter((p) => p.startsWith("templates/"))).toEqual(["templates/manifests.yaml"]);
    const grafana = manifests("dev", "observability-secrets")[0];
    expect(grafana.spec.target.template.data["admin-password"]).toBe("{{ .password }}");
  });

  it("routes critical to the pager and warning to tickets, and inhibits a workload's warnings under its critical", () => {
    const config = kps("dev").values.alertmanager.config;
    const routes = config.route.routes as { receiver: string; matchers: string[] }[];
    expect(routes.find((r) => r.matchers.includes('severity = "critical"'))?.receiver).toBe("page");
    expect(routes.find((r) => r.matchers.includes('severity = "warning"'))?.receiver).toBe("ticket");
    expect(routes.find((r) => r.matchers.includes('alertname = "Watchdog"'))?.receiver).toBe("null");
    expect(config.inhibit_rules[0]).toEqual({
      source_matchers: ['severity = "critical"', 'workload =~ ".+"'],
      target_matchers: ['severity = "warning"', 'workload =~ ".+"'],
      equal: ["workload"],
    });
  });

  it("does not expose Grafana; its CloudWatch data source uses the Pod Identity service account", () => {
    const { values } = kps("prod");
    expect(values.grafana.ingress.enabled).toBe(false);
    expect(values.grafana.serviceAccount).toEqual({ create: true, name: "grafana" });
    expect(values.grafana.additionalDataSources).toEqual([
      expect.objectContaining({ type: "cloudwatch", uid: "cloudwatch", jsonData: { authType: "default", defaultRegion: "us-east-1" } }),
      expect.objectContaining({ type: "jaeger", uid: "jaeger", url: "http://jaeger.observability.svc.cluster.local:16686" }),
    ]);
  });

  it("ships rules, ServiceMonitors and the five dashboards to the sidecar", () => {
    const objects = manifests("dev", "sparki-observability");
    const kinds = objects.map((o) => o.kind);
    expect(kinds.filter((k) => k === "PrometheusRule")).toHaveLength(5);
    expect(kinds.filter((k) => k === "ServiceMonitor")).toHaveLength(2);
    const dashboards = objects.filter((o) => o.kind === "ConfigMap");
    expect(dashboards.map((d) => d.metadata.name).sort()).toEqual(
      ["command-center", "debugging", "infrastructure", "pipeline-execution", "reliability-slo"].map((n) => `dashboard-sparki-${n}`),
    );
    for (const d of dashboards) expect(d.metadata.labels?.grafana_dashboard).toBe("1");
  });

  it("scrapes web and engine across colours by their workload labels", () => {
    const monitors = manifests("dev", "sparki-observability").filter((o) => o.kind === "ServiceMonitor");
    const engine = monitors.find((m) => m.metadata.name === "sparki-engine")!;
    expect(engine.spec.namespaceSelector).toEqual({ matchNames: ["apps"] });
    expect(engine.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "engine", "app.kubernetes.io/part-of": "sparki" } });
    expect(engine.spec.endpoints[0]).toMatchObject({ port: "metrics", path: "/metrics" });
    expect(engine.spec.endpoints[0].relabelings.map((r: { targetLabel: string }) => r.targetLabel)).toEqual(["workload", "colour"]);
  });

  it("every shipped object passes its model's schema", () => {
    const models: Record<string, { validate(): void }> = {};
    const check = (object: { kind: string }) => {
      const model =
        object.kind === "PrometheusRule"
          ? new PrometheusRule(object as never)
          : object.kind === "ServiceMonitor"
            ? new ServiceMonitor(object as never)
            : object.kind === "ExternalSecret"
              ? new ExternalSecret(object as never)
              : object.kind === "ConfigMap"
                ? new ConfigMap(object as never)
                : undefined;
      expect(model, object.kind).toBeDefined();
      models[object.kind] = model!;
      model!.validate();
    };
    for (const release of ["observability-secrets", "sparki-observability"]) manifests("prod", release).forEach(check);
    expect(Object.keys(models).sort()).toEqual(["ConfigMap", "ExternalSecret", "PrometheusRule", "ServiceMonitor"]);
  });

  it("links alert runbooks into the environment's repository", () => {
    const rules = manifests("prod", "sparki-observability").filter((o) => o.kind === "PrometheusRule");
    const urls = rules.flatMap((r) =>
      r.spec.groups.flatMap((g: { rules: { annotations?: { runbook_url: string } }[] }) =>
        g.rules.flatMap((x) => (x.annotations ? [x.annotations.runbook_url] : [])),
      ),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls)
      expect(url).toMatch(/^https:\/\/github\.com\/sparki-dev\/sparki-platform\/blob\/main\/runbooks\/alerts\/Sparki\w+\.md$/);
  });
});

describe("what the observability stack needs from the other stacks", () => {
  it("core creates the observability secrets empty, under the environment's prefix", () => {
    const json = synth("prod").core;
    const names = bodies(json, "aws_secretsmanager_secret").map((s) => s.name);
    for (const spec of OBSERVABILITY_SECRETS) expect(names).toContain(`sparki-prod/${spec.id}`);
    expect(json.resource?.aws_secretsmanager_secret_version).toBeUndefined();
  });

  it("cluster gives Grafana's service account a read-only CloudWatch role", () => {
    const json = synth("prod").cluster;
    const association = bodies(json, "aws_eks_pod_identity_association").find((a) => a.service_account === "grafana")!;
    expect(association).toMatchObject({ namespace: "observability" });
    const policy = bodies(json, "aws_iam_role_policy").find((p) => String(p.role).includes("grafana-identity"))!;
    const actions = (JSON.parse(policy.policy as string).Statement as { Action: string[] }[]).flatMap((s) => s.Action);
    expect(actions).toContain("cloudwatch:GetMetricData");
    for (const action of actions) expect(action).toMatch(/:(Get|List|Describe|StartQuery|StopQuery)/);
  });

  it("platform lets observability use the secret store and scrape node-exporter", () => {
    const json = synth("dev").platform;
    // The ClusterSecretStore's namespaces are checked on the rendered chart in test/platform.test.ts.
    const egress = bodies(json, "kubernetes_network_policy_v1").find(
      (p) =>
        (p.metadata as { name: string }).name === "allow-egress" &&
        String((p.metadata as { namespace: string }).namespace).includes("observability-namespace"),
    )!;
    const rules = (egress.spec as { egress: { to: { ip_block?: { cidr: string } }[]; ports?: { port: string }[] }[] }).egress;
    const vpc = rules.find((r) => r.to[0].ip_block?.cidr === "10.10.0.0/16")!;
    expect(vpc.ports?.map((p) => p.port)).toEqual(["10250", "9100"]);
  });
});
