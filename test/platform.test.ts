import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../src/config/schema";
import { EXACT_CHART_VERSION } from "../src/constructs/helm/helm-release";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { PlatformStack } from "../stacks/platform-stack";
import type { PlatformResources } from "../src/constructs/platform/platform-resources";
import { renderChart, SAMPLE_VALUES } from "./helpers/chart";
import { bodies, environment, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";
import { issuesFor } from "./helpers/raw-environment";

/** Synthesizes the platform stack as `app.synth()` would (it prepares every stack first). */
function platformJson(env: EnvironmentConfig): TerraformJson {
  const app = testApp();
  const core = new CoreStack(app, env);
  const cluster = new ClusterStack(app, env, core);
  const stack = new PlatformStack(app, env, { core, cluster });
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return synthJson(stack);
}

/** The platform-resources chart's files, as the platform stack builds them for an environment. */
function platformResourcesChart(env: EnvironmentConfig): Readonly<Record<string, string>> {
  const app = testApp();
  const core = new CoreStack(app, env);
  const stack = new PlatformStack(app, env, { core, cluster: new ClusterStack(app, env, core) });
  return (stack.node.findChild("platform-resources") as PlatformResources).release.localChart!;
}

const cache = new Map<string, TerraformJson>();
const platform = (name: string) => {
  if (!cache.has(name)) cache.set(name, platformJson(environment(name)));
  return cache.get(name)!;
};

const releases = (json: TerraformJson) => Object.fromEntries(bodies(json, "helm_release").map((r) => [r.name as string, r]));
const valuesOf = (release: Record<string, unknown>) => parse((release.values as string[])[0]);
/** A value read from one named output of the core or cluster stack's state. */
const remote = (producer: "core" | "cluster", output: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.${producer}-outputs_state_[0-9A-F]{8}\\.outputs\\.${output}\\}$`);

describe("PlatformStack", () => {
  it("configures the Kubernetes and Helm providers from the cluster's data source, authenticating with aws eks get-token", () => {
    const json = platform("dev");
    expect(json.data?.aws_eks_cluster?.cluster).toMatchObject({ name: "sparki-dev" });
    // No token data source: its 15-minute token would be frozen into a saved plan.
    expect(json.data?.aws_eks_cluster_auth).toBeUndefined();
    const [kubernetes] = json.provider!.kubernetes as Record<string, unknown>[];
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", "sparki-dev", "--region", "us-east-1", "--output", "json"],
    };
    expect(kubernetes).toEqual({
      host: "${data.aws_eks_cluster.cluster.endpoint}",
      cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.cluster.certificate_authority[0].data)}",
      exec: [exec],
    });
    expect((json.provider!.helm as { kubernetes: unknown }[])[0].kubernetes).toEqual({
      host: kubernetes.host,
      cluster_ca_certificate: kubernetes.cluster_ca_certificate,
      exec,
    });
    expect(json.resource?.aws_eks_cluster).toBeUndefined();
  });

  it("pins every Helm release to an exact chart version, atomically and with cleanup on failure", () => {
    const all = bodies(platform("prod"), "helm_release");
    expect(all.map((r) => r.name).sort()).toEqual([
      "aws-load-balancer-controller",
      "external-secrets",
      "karpenter",
      "karpenter-crd",
      "metrics-server",
      "platform-resources",
    ]);
    for (const release of all) {
      expect(release.version).toMatch(EXACT_CHART_VERSION);
      expect(release).toMatchObject({ atomic: true, cleanup_on_fail: true, timeout: 600, create_namespace: false, max_history: 10 });
    }
  });

  it.each([
    ["prod", 2, true],
    ["staging", 2, true],
    ["dev", 1, false],
  ] as const)("%s runs add-ons with %i replica(s), disruption budgets %s", (name, replicas, ha) => {
    const r = releases(platform(name));
    expect(valuesOf(r["aws-load-balancer-controller"]).replicaCount).toBe(replicas);
    expect(valuesOf(r["external-secrets"])).toMatchObject({
      replicaCount: replicas,
      podDisruptionBudget: { enabled: ha },
      webhook: { replicaCount: replicas },
    });
    expect(valuesOf(r["metrics-server"])).toMatchObject({ replicas, podDisruptionBudget: { enabled: ha } });
    expect(valuesOf(r.karpenter).replicas).toBe(replicas);
    expect(valuesOf(r["aws-load-balancer-controller"]).podDisruptionBudget).toEqual(ha ? { maxUnavailable: 1 } : {});
  });

  it("reads high availability from fields, never from the environment's name", () => {
    const dev = environment("dev");
    const asField = platformJson({ ...dev, platform: { highAvailability: true } });
    expect(valuesOf(releases(asField)["metrics-server"]).replicas).toBe(2);
    const byTier = platformJson({ ...dev, tier: "production" });
    expect(valuesOf(releases(byTier)["metrics-server"]).replicas).toBe(2);
    expect(issuesFor("prod", (raw) => (raw.platform = { highAvailability: false })).map((i) => i.path)).toContain(
      "platform.highAvailability",
    );
  });

  it("requests resources for every add-on", () => {
    const r = releases(platform("prod"));
    expect(valuesOf(r["aws-load-balancer-controller"]).resources.requests).toBeDefined();
    expect(valuesOf(r["external-secrets"]).resources.requests).toBeDefined();
    expect(valuesOf(r["metrics-server"]).resources.requests).toBeDefined();
    expect(valuesOf(r.karpenter).controller.resources.requests).toBeDefined();
  });

  it("tells the load balancer controller its region and VPC (IMDS is out of reach of pods)", () => {
    const values = valuesOf(releases(platform("staging"))["aws-load-balancer-controller"]);
    expect(values).toMatchObject({
      clusterName: "sparki-staging",
      region: "us-east-1",
      serviceAccount: { name: "aws-load-balancer-controller" },
    });
    expect(values.vpcId).toMatch(remote("core", "vpc_id"));
  });

  it("makes load balancers target pod IPs, not node ports the namespaces' network policies drop", () => {
    for (const name of ["dev", "prod"]) {
      expect(valuesOf(releases(platform(name))["aws-load-balancer-controller"]).defaultTargetType).toBe("ip");
    }
  });

  it("installs Karpenter's CRDs from their own chart and feeds it the interruption queue", () => {
    const r = releases(platform("dev"));
    expect(r["karpenter-crd"]).toMatchObject({
      chart: "karpenter-crd",
      repository: "oci://public.ecr.aws/karpenter",
      version: r.karpenter.version,
    });
    expect(r.karpenter).toMatchObject({ skip_crds: true });
    const settings = valuesOf(r.karpenter).settings;
    expect(settings.clusterName).toBe("sparki-dev");
    expect(settings.interruptionQueue).toMatch(remote("cluster", "karpenter_interruption_queue_name"));
  });

  it("ships the ClusterSecretStore, EC2NodeClass and NodePool as a chart released after their CRDs", () => {
    const json = platform("dev");
    const [[esoId]] = resourcesOf(json, "helm_release").filter(([, r]) => r.name === "external-secrets");
    const [[karpenterId]] = resourcesOf(json, "helm_release").filter(([, r]) => r.name === "karpenter");
    const resources = releases(json)["platform-resources"];
    expect(resources.chart).toMatch(/^assets\/platform-resources_release_chart_[0-9A-F]+\/[0-9a-f]{16}\/platform-resources-[0-9.]+\.tgz$/);
    expect(resources.repository).toBeUndefined();
    expect(resources.depends_on).toEqual([`helm_release.${esoId}`, `helm_release.${karpenterId}`]);
    // Only the values known at apply time travel as Helm values; the rest is in the templates.
    expect(valuesOf(resources)).toEqual({
      nodeRoleName: expect.stringMatching(remote("cluster", "karpenter_node_role_name")),
      volumeKmsKeyArn: expect.stringMatching(remote("cluster", "storage_kms_key_arn")),
    });
    const objects = renderChart(platformResourcesChart(environment("dev")));
    const store = objects.find((o) => o.kind === "ClusterSecretStore")!;
    expect(store.spec).toEqual({
      conditions: [{ namespaces: ["apps", "observability"] }],
      provider: { aws: { service: "SecretsManager", region: "us-east-1" } },
    });
    const nodeClass = objects.find((o) => o.kind === "EC2NodeClass")!;
    expect(nodeClass.spec.amiSelectorTerms[0].alias).toMatch(/^al2023@v\d{8}$/);
    expect(nodeClass.spec.subnetSelectorTerms).toEqual([{ tags: { "karpenter.sh/discovery": "sparki-dev" } }]);
    expect(nodeClass.spec.role).toBe(SAMPLE_VALUES.nodeRoleName);
    expect(nodeClass.spec.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect(nodeClass.spec.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: true, kmsKeyID: SAMPLE_VALUES.volumeKmsKeyArn });
    const capacity = (env: string) =>
      renderChart(platformResourcesChart(environment(env))).find((o) => o.kind === "NodePool")!.spec.template.spec.requirements[0];
    expect(capacity("dev")).toEqual({ key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand", "spot"] });
    expect(capacity("prod").values).toEqual(["on-demand"]);
    expect(json.resource?.kubernetes_manifest).toBeUndefined();
  });

  it("synthesizes the same chart asset path twice", () => {
    const first = releases(platformJson(environment("dev")))["platform-resources"].chart;
    expect(releases(platformJson(environment("dev")))["platform-resources"].chart).toBe(first);
  });

  it("makes an encrypted gp3 StorageClass the default", () => {
    const [storageClass] = bodies(platform("prod"), "kubernetes_storage_class_v1");
    expect(storageClass).toMatchObject({
      metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storage_provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volume_binding_mode: "WaitForFirstConsumer",
      reclaim_policy: "Retain",
    });
    expect((storageClass.parameters as Record<string, string>).kmsKeyId).toMatch(remote("cluster", "storage_kms_key_arn"));
    expect(bodies(platform("dev"), "kubernetes_storage_class_v1")[0].reclaim_policy).toBe("Delete");
  });

  it("denies all traffic by default in platform, observability and apps, then allows DNS and Pod Identity credentials", () => {
    const json = platform("dev");
    expect(
      bodies(json, "kubernetes_namespace_v1")
        .map((n) => (n.metadata as { name: string }).name)
        .sort(),
    ).toEqual(["apps", "observability", "platform"]);
    const policies = bodies(json, "kubernetes_network_policy_v1");
    for (const ns of ["platform", "observability", "apps"]) {
      const named = (name: string) =>
        policies.find(
          (p) =>
            (p.metadata as { name: string }).name === name &&
            String((p.metadata as { namespace: string }).namespace).includes(`${ns}-namespace`),
        );
      expect(named("default-deny")?.spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
      expect(JSON.stringify(named("allow-dns")?.spec)).toContain('"k8s-app":"kube-dns"');
      expect((named("allow-pod-identity")!.spec as { egress: unknown[] }).egress).toEqual([
        { to: [{ ip_block: { cidr: "169.254.170.23/32" } }], ports: [{ port: "80", protocol: "TCP" }] },
      ]);
    }
  });

  it("opens nothing else in apps: the apps stack's workload policies allow each port", () => {
    const apps = bodies(platform("dev"), "kubernetes_network_policy_v1").filter((p) =>
      String((p.metadata as { namespace: string }).namespace).includes("apps-namespace"),
    );
    expect(apps.map((p) => (p.metadata as { name: string }).name).sort()).toEqual(["allow-dns", "allow-pod-identity", "default-deny"]);
  });

  it("keeps same-namespace traffic in platform and observability", () => {
    const policies = bodies(platform("dev"), "kubernetes_network_policy_v1").filter(
      (p) => (p.metadata as { name: string }).name === "allow-same-namespace",
    );
    expect(policies.map((p) => String((p.metadata as { namespace: string }).namespace)).sort()).toEqual([
      expect.stringContaining("observability-namespace"),
      expect.stringContaining("platform-namespace"),
    ]);
  });
});
