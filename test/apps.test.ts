import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../src/config/schema";
import { DEFAULT_SUBNET_PREFIX_LENGTH, planSubnets } from "../src/constructs/network/subnet-plan";
import { workloadServiceMonitor } from "../src/constructs/observability/service-monitors";
import { WORKLOADS } from "../src/constructs/workloads/catalog";
import { loadRelease, UNRELEASED } from "../src/release/load";
import type { ReleaseFile } from "../src/release/schema";
import { AppsStack } from "../stacks/apps-stack";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { EdgeStack } from "../stacks/edge-stack";
import { PlatformStack } from "../stacks/platform-stack";
import { renderChart, type RenderedObject } from "./helpers/chart";
import { bodies, environment, synthJson, testApp, type TerraformJson } from "./helpers/synth";

const FIXTURES = "test/fixtures/releases";

function fixtureRelease(env: EnvironmentConfig): ReleaseFile {
  const result = loadRelease(FIXTURES, env);
  if ("problems" in result) throw new Error(JSON.stringify(result.problems));
  return result.data;
}

function build(env: EnvironmentConfig, release: ReleaseFile): { stack: AppsStack; json: TerraformJson } {
  const app = testApp();
  const core = new CoreStack(app, env);
  const cluster = new ClusterStack(app, env, core);
  const platform = new PlatformStack(app, env, { core, cluster });
  const edge = new EdgeStack(app, env, { core, release });
  const stack = new AppsStack(app, env, { core, cluster, platform, edge }, release);
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return { stack, json: synthJson(stack) };
}

const cache = new Map<string, ReturnType<typeof build>>();
const apps = (name: string) => {
  if (!cache.has(name)) cache.set(name, build(environment(name), fixtureRelease(environment(name))));
  return cache.get(name)!;
};
const chart = (name: string, release: string): RenderedObject[] => renderChart(apps(name).stack.releases.get(release)!.release.localChart!);
const find = (objects: RenderedObject[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name))!;
const helmRelease = (name: string, release: string) => bodies(apps(name).json, "helm_release").find((r) => r.name === release)!;
const remote = (producer: string, output: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${producer}-outputs_state_[0-9A-F]{8}\\.outputs\\.${output}\\}$`);

describe("AppsStack", () => {
  it("releases a base per workload and a release only per colour with an image", () => {
    expect(
      bodies(apps("dev").json, "helm_release")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["engine", "engine-blue", "engine-green", "web", "web-blue"]);
    const unreleased = build(environment("dev"), UNRELEASED);
    expect(
      bodies(unreleased.json, "helm_release")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["engine", "web"]);
  });

  it("authenticates to the cluster with aws eks get-token, not a frozen token", () => {
    const { json } = apps("dev");
    const [kubernetes] = json.provider!.kubernetes as { exec: { command: string; args: string[] }[] }[];
    expect(kubernetes.exec[0].command).toBe("aws");
    expect(kubernetes.exec[0].args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "sparki-dev",
      "--region",
      "us-east-1",
      "--output",
      "json",
    ]);
    expect(json.data?.aws_eks_cluster_auth).toBeUndefined();
  });

  it("validates every rendered object of every chart against its schema after substituting apply-time values", () => {
    for (const name of ["dev", "prod"]) {
      for (const release of apps(name).stack.releases.keys()) expect(chart(name, release).length).toBeGreaterThan(0);
    }
  });

  it("passes only apply-time values to Helm, each from a named output of core, cluster or edge", () => {
    const values = parse((helmRelease("dev", "engine-blue").values as string[])[0]);
    expect(Object.keys(values).sort()).toEqual([
      "cacheHost",
      "cacheUser",
      "databaseHost",
      "databaseReaderHosts",
      "imageRepository",
      "targetGroupArn",
    ]);
    expect(values.targetGroupArn).toMatch(remote("edge", "engine_blue_target_group_arn"));
    expect(values.imageRepository).toMatch(remote("cluster", "engine_repository_url"));
    expect(values.databaseHost).toMatch(remote("core", "database_endpoint"));
    // dev has no replicas: reads go to the writer; prod joins its replicas.
    expect(values.databaseReaderHosts).toBe(values.databaseHost);
    expect(parse((helmRelease("prod", "engine-blue").values as string[])[0]).databaseReaderHosts).toContain('join(","');
    expect(Object.keys(parse((helmRelease("dev", "web-blue").values as string[])[0])).sort()).toEqual([
      "imageRepository",
      "targetGroupArn",
    ]);
    expect((helmRelease("dev", "web").values as string[])[0].trim()).toBe("{}");
  });

  it("keeps secrets out of values and ConfigMaps: they come from Secrets Manager through ExternalSecrets", () => {
    const engine = chart("dev", "engine");
    const config = find(engine, "ConfigMap");
    expect(Object.keys(config.data).sort()).toEqual([
      "METRICS_PORT",
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "OTEL_RESOURCE_ATTRIBUTES",
      "OTEL_SERVICE_NAME",
      "PORT",
    ]);
    const secret = find(engine, "ExternalSecret");
    expect(secret.spec.secretStoreRef).toEqual({ kind: "ClusterSecretStore", name: "aws-secrets-manager" });
    expect(secret.spec.data.map((d: { secretKey: string; remoteRef: { key: string } }) => [d.secretKey, d.remoteRef.key])).toEqual([
      ["SENTRY_DSN", "sparki-dev/sentry-dsn"],
      ["GITHUB_APP_PRIVATE_KEY", "sparki-dev/github-app-private-key"],
      ["GITHUB_WEBHOOK_SECRET", "sparki-dev/github-webhook-secret"],
      ["GITHUB_OAUTH_CLIENT_SECRET", "sparki-dev/github-oauth-client-secret"],
    ]);
    expect(find(chart("dev", "web"), "ExternalSecret").spec.data.map((d: { secretKey: string }) => d.secretKey)).toEqual([
      "SENTRY_DSN",
      "SESSION_SECRET",
    ]);
    // Connection URLs carry a user and host, never a password (IAM authentication).
    const env = find(chart("dev", "engine-blue"), "Deployment").spec.template.spec.containers[0].env as { name: string; value: string }[];
    const url = (name: string) => env.find((e) => e.name === name)!.value;
    expect(url("DATABASE_URL")).toBe(
      "postgres://sparki_engine@sparki-dev-postgres.abc123.us-east-1.rds.amazonaws.com:5432/sparki?sslmode=verify-full",
    );
    expect(url("REDIS_URL")).toBe("rediss://sparki-dev-app@master.sparki-dev-cache.abc123.use1.cache.amazonaws.com:6379");
    for (const e of env) expect(e.value).not.toMatch(/:[^@/]+@/);
  });

  it("runs the image by digest from the workload's repository with probes, resources and a restricted security context", () => {
    const deployment = find(chart("prod", "engine-blue"), "Deployment");
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.image).toBe(`111111111111.dkr.ecr.us-east-1.amazonaws.com/sparki/engine@sha256:${"2".repeat(64)}`);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/health/ready", port: "http" });
    expect(container.livenessProbe.httpGet).toEqual({ path: "/health/live", port: "http" });
    expect(container.startupProbe.httpGet.path).toBe("/health/live");
    const sizing = environment("prod").workloads.engine;
    expect(container.resources).toEqual({ requests: { cpu: sizing.cpu, memory: sizing.memory }, limits: { memory: sizing.memory } });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe("engine");
    expect(container.env).toContainEqual({ name: "SPARKI_COLOUR", value: "blue" });
    // The WebSocket drain: preStop plus the engine's grace, and the release waits for it and the migration.
    expect(container.lifecycle.preStop).toEqual({ sleep: { seconds: WORKLOADS.engine.preStopSleepSeconds } });
    expect(pod.terminationGracePeriodSeconds).toBe(WORKLOADS.engine.preStopSleepSeconds + WORKLOADS.engine.terminationGraceSeconds);
    expect(helmRelease("prod", "engine-blue").timeout).toBeGreaterThanOrEqual(600 + pod.terminationGracePeriodSeconds);
    expect(helmRelease("prod", "engine-blue")).toMatchObject({ atomic: true, cleanup_on_fail: true });
    expect(pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual([
      "topology.kubernetes.io/zone",
      "kubernetes.io/hostname",
    ]);
  });

  it("lets the autoscaler own the replica count, with the environment's range; a PDB allows one pod down", () => {
    const objects = chart("prod", "web-blue");
    expect(find(objects, "Deployment").spec.replicas).toBeUndefined();
    const { minReplicas, maxReplicas } = environment("prod").workloads.web;
    expect(find(objects, "HorizontalPodAutoscaler").spec).toMatchObject({
      minReplicas,
      maxReplicas,
      scaleTargetRef: { kind: "Deployment", name: "web-blue" },
    });
    expect(find(objects, "PodDisruptionBudget").spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": "sparki", "sparki.dev/colour": "blue" } },
    });
  });

  it("scales a colour with replicas: 0 to zero: no autoscaler, no disruption budget, no migration", () => {
    const objects = chart("dev", "engine-green");
    expect(find(objects, "Deployment").spec.replicas).toBe(0);
    expect(objects.map((o) => o.kind).sort()).toEqual(["Deployment", "Service", "TargetGroupBinding"]);
  });

  it("binds each colour's Service to its target group by IP, without a networking block", () => {
    const binding = find(chart("dev", "web-blue"), "TargetGroupBinding");
    expect(binding.apiVersion).toBe("elbv2.k8s.aws/v1beta1");
    expect(binding.spec).toEqual({
      targetType: "ip",
      targetGroupARN: expect.stringMatching(/^arn:aws:elasticloadbalancing:/),
      serviceRef: { name: "web-blue", port: 3000 },
    });
    const service = find(chart("dev", "web-blue"), "Service").spec;
    expect(service.type).toBe("ClusterIP");
    expect(service.ports[0]).toMatchObject({ name: "http", port: 3000, targetPort: "http" });
  });

  it("exposes each colour's metrics port where the observability stack's ServiceMonitor looks for it", () => {
    for (const [workload, release] of [
      ["web", "web-blue"],
      ["engine", "engine-blue"],
    ] as const) {
      const monitor = workloadServiceMonitor(workload, "observability", {});
      const service = find(chart("dev", release), "Service");
      expect(monitor.spec.namespaceSelector?.matchNames).toEqual([service.metadata.namespace ?? "apps"]);
      expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels!);
      const port = service.spec.ports.find((p: { name: string }) => p.name === monitor.spec.endpoints![0].port);
      expect(port, `${release} has no port named ${monitor.spec.endpoints![0].port}`).toMatchObject({
        port: WORKLOADS[workload].metricsPort,
        targetPort: "metrics",
      });
      const container = find(chart("dev", release), "Deployment").spec.template.spec.containers[0];
      expect(container.ports).toContainEqual({ name: "metrics", containerPort: WORKLOADS[workload].metricsPort, protocol: "TCP" });
    }
  });

  it("runs the engine's migration as a pre-install/pre-upgrade hook that fails the release", () => {
    const job = find(chart("dev", "engine-blue"), "Job");
    expect(job.metadata.annotations).toEqual({
      "helm.sh/hook": "pre-install,pre-upgrade",
      "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
    });
    expect(job.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 600 });
    expect(job.spec.template.spec.containers[0]).toMatchObject({
      command: ["/app/engine", "migrate", "up"],
      image: expect.stringContaining(`@sha256:${"2".repeat(64)}`),
    });
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    expect(find(chart("dev", "web-blue"), "Job")).toBeUndefined();
  });

  it("has no traffic weights: those live in the edge stack", () => {
    const text = JSON.stringify(apps("dev").json);
    expect(text).not.toMatch(/weight/i);
    expect(apps("dev").json.resource?.aws_lb_listener_rule).toBeUndefined();
  });

  it("opens exactly the workload port from the public subnets, metrics from observability, and the engine's data stores", () => {
    const env = environment("dev");
    const plan = planSubnets(env.network.vpcCidr, env.network.availabilityZones.length, DEFAULT_SUBNET_PREFIX_LENGTH)!;
    const ingress = find(chart("dev", "engine"), "NetworkPolicy", "engine-ingress").spec.ingress;
    expect(ingress).toEqual([
      { from: plan.public.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 8080, protocol: "TCP" }] },
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } } }],
        ports: [{ port: 9090, protocol: "TCP" }],
      },
    ]);
    const egress = find(chart("dev", "engine"), "NetworkPolicy", "engine-egress").spec.egress;
    expect(egress).toEqual([
      {
        to: plan.database.map((cidr) => ({ ipBlock: { cidr } })),
        ports: [
          { port: 5432, protocol: "TCP" },
          { port: 6379, protocol: "TCP" },
        ],
      },
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } } }],
        ports: [
          { port: 4317, protocol: "TCP" },
          { port: 4318, protocol: "TCP" },
        ],
      },
      { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] },
    ]);
    // Web talks to no data store.
    const webEgress = find(chart("dev", "web"), "NetworkPolicy", "web-egress").spec.egress;
    expect(webEgress.flatMap((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port))).toEqual([4317, 4318, 443]);
    expect(find(chart("dev", "web"), "NetworkPolicy", "web-ingress").spec.ingress[0].ports).toEqual([{ port: 3000, protocol: "TCP" }]);
  });

  it("creates the Pod Identity service account without a Kubernetes API token", () => {
    expect(find(chart("dev", "engine"), "ServiceAccount")).toMatchObject({
      metadata: { name: "engine", namespace: "apps" },
      automountServiceAccountToken: false,
    });
  });
});

describe("engine Pod Identity role (cluster stack)", () => {
  it("may connect only as its database user on each instance and as its cache user", () => {
    const app = testApp();
    const env = environment("prod");
    const core = new CoreStack(app, env);
    const cluster = new ClusterStack(app, env, core);
    for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
    const policies = bodies(synthJson(cluster), "aws_iam_role_policy").filter((p) => String(p.role).includes("engine-identity"));
    expect(policies).toHaveLength(1);
    const statements = JSON.parse(policies[0].policy as string).Statement as { Action: string; Resource: string[] }[];
    expect(statements.map((s) => s.Action)).toEqual(["rds-db:connect", "elasticache:Connect"]);
    // prod: the primary and two replicas.
    expect(statements[0].Resource).toHaveLength(1 + (env.database.readReplicas ?? 0));
    for (const [i, arn] of statements[0].Resource.entries()) {
      expect(arn).toMatch(
        new RegExp(
          `^arn:aws:rds-db:us-east-1:${env.account.id}:dbuser:\\$\\{element\\(` +
            "data\\.terraform_remote_state\\.core-outputs_state_[0-9A-F]{8}\\.outputs\\.database_resource_ids, " +
            `${i}\\)\\}/sparki_engine$`,
        ),
      );
    }
    expect(statements[1].Resource).toEqual([
      expect.stringMatching(remote("core", "cache_replication_group_arn")),
      expect.stringMatching(remote("core", "cache_user_arn")),
    ]);
    expect(bodies(synthJson(cluster), "aws_iam_role_policy").filter((p) => String(p.role).includes("web-identity"))).toHaveLength(0);
  });
});
