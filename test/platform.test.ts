import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EnvironmentConfig } from "../src/config/schema";
import { EXACT_CHART_VERSION } from "../src/constructs/helm/helm-release";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { PlatformStack } from "../stacks/platform-stack";
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
  it("configures the Kubernetes and Helm providers from the cluster's data sources, by name", () => {
    const json = platform("dev");
    expect(json.data?.aws_eks_cluster?.cluster).toMatchObject({ name: "sparki-dev" });
    expect(json.data?.aws_eks_cluster_auth?.["cluster-auth"]).toMatchObject({ name: "sparki-dev" });
    const [kubernetes] = json.provider?.kubernetes as Record<string, string>[];
    expect(kubernetes).toEqual({
      host: "${data.aws_eks_cluster.cluster.endpoint}",
      cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.cluster.certificate_authority[0].data)}",
      token: "${data.aws_eks_cluster_auth.cluster-auth.token}",
    });
    expect((json.provider?.helm as { kubernetes: unknown }[])[0].kubernetes).toEqual(kubernetes);
    expect(json.resource?.aws_eks_cluster).toBeUndefined();
  });

  it("pins every Helm release to an exact chart version, atomically and with cleanup on failure", () => {
    const all = bodies(platform("prod"), "helm_release");
    expect(all.map((r) => r.name).sort()).toEqual(["aws-load-balancer-controller", "external-secrets", "karpenter", "karpenter-crd", "metrics-server", "platform-resources"]);
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
    expect(valuesOf(r["external-secrets"])).toMatchObject({ replicaCount: replicas, podDisruptionBudget: { enabled: ha }, webhook: { replicaCount: replicas } });
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
    expect(issuesFor("prod", (raw) => (raw.platform = { highAvailability: false })).map((i) => i.path)).toContain("platform.highAvailability");
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
    expect(values).toMatchObject({ clusterName: "sparki-staging", region: "us-east-1", serviceAccount: { name: "aws-load-balancer-controller" } });
    expect(values.vpcId).toMatch(remote("core", "vpc_id"));
  });

  it("installs Karpenter's CRDs from their own chart and feeds it the interruption queue", () => {
    const r = releases(platform("dev"));
    expect(r["karpenter-crd"]).toMatchObject({ chart: "karpenter-crd", repository: "oci://public.ecr.aws/karpenter", version: r.karpenter.version });
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
    expect(resources.chart).toMatch(/^assets\/platform-resources_release_chart_[0-9A-F]+\/[0-9a-f]{16}$/);
    expect(resources.repository).toBeUndefined();
    expect(resources.depends_on).toEqual([`helm_release.${esoId}`, `helm_release.${karpenterId}`]);
    const values = valuesOf(resources);
    expect(values.clusterSecretStore).toEqual({ name: "aws-secrets-manager", region: "us-east-1", allowedNamespaces: ["apps", "observability"] });
    expect(values.ec2NodeClass).toMatchObject({ amiAlias: expect.stringMatching(/^al2023@v\d{8}$/), discoveryTag: "sparki-dev" });
    expect(values.ec2NodeClass.kmsKeyId).toMatch(remote("cluster", "storage_kms_key_arn"));
    expect(values.nodePool.capacityTypes).toEqual(["on-demand", "spot"]);
    expect(valuesOf(releases(platform("prod"))["platform-resources"]).nodePool.capacityTypes).toEqual(["on-demand"]);
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

  it("denies all traffic by default in platform, observability and apps, then allows DNS, Pod Identity credentials and the namespace itself", () => {
    const json = platform("dev");
    expect(bodies(json, "kubernetes_namespace_v1").map((n) => (n.metadata as { name: string }).name).sort()).toEqual(["apps", "observability", "platform"]);
    const policies = bodies(json, "kubernetes_network_policy_v1");
    for (const ns of ["platform", "observability", "apps"]) {
      const named = (name: string) => policies.find((p) => (p.metadata as { name: string }).name === name && String((p.metadata as { namespace: string }).namespace).includes(`${ns}-namespace`));
      expect(named("default-deny")?.spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
      expect(JSON.stringify(named("allow-dns")?.spec)).toContain('"k8s-app":"kube-dns"');
      expect(named("allow-same-namespace")).toBeDefined();
      expect((named("allow-pod-identity")?.spec as { egress: unknown[] }).egress).toEqual([{ to: [{ ip_block: { cidr: "169.254.170.23/32" } }], ports: [{ port: "80", protocol: "TCP" }] }]);
    }
  });

  it("lets apps reach only the database subnets on the data store ports, and HTTPS out", () => {
    const json = platform("dev");
    const egress = bodies(json, "kubernetes_network_policy_v1").find(
      (p) => (p.metadata as { name: string }).name === "allow-egress" && String((p.metadata as { namespace: string }).namespace).includes("apps-namespace"),
    )!;
    const rules = (egress.spec as { egress: { to: { ip_block?: { cidr: string } }[]; ports: { port: string }[] }[] }).egress;
    expect(rules[0].ports.map((p) => p.port)).toEqual(["5432", "6379"]);
    // The same CIDRs the core stack gives its database subnets.
    const core = synthJson(new CoreStack(testApp(), environment("dev")));
    const databaseSubnets = bodies(core, "aws_subnet").filter((s) => (s.tags as Record<string, string>)["sparki.dev/tier"] === "database");
    expect(rules[0].to.map((t) => t.ip_block?.cidr)).toEqual(databaseSubnets.map((s) => s.cidr_block));
    expect(rules[1]).toEqual({ to: [{ ip_block: { cidr: "0.0.0.0/0" } }], ports: [{ port: "443", protocol: "TCP" }] });
  });
});
