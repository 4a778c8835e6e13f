/** Pricers and implied items on small hand-written stacks, for cases the committed environments do not have. */
import { describe, expect, it } from "vitest";
import { estimateOutput, lineItems } from "../../src/cost/estimate";
import type { StackJson } from "../../src/cost/types";

const provider = {
  aws: [
    { region: "us-east-1", default_tags: [{ tags: { Environment: "qa" } }] },
    { alias: "dr", region: "us-west-2" },
  ],
};
const only = (stacks: [string, StackJson][]) => {
  const [env] = estimateOutput(stacks, () => ({ logIngestionGiBPerMonth: 0 })).environments;
  return lineItems(env);
};

describe("pricers", () => {
  it("prices Prometheus' volumes from a release's values, and a release without values as none", () => {
    const values =
      "prometheus:\n  prometheusSpec:\n    replicas: 2\n    storageSpec:\n      volumeClaimTemplate:\n" +
      "        spec:\n          resources:\n            requests:\n              storage: 50Gi\n";
    const release = (extra: object) => ({ chart: "kube-prometheus-stack", ...extra });
    const lines = only([
      ["qa-observability", { provider, resource: { helm_release: { valued: release({ values: [values] }), bare: release({}) } } }],
    ]);
    expect(lines.find((l) => l.address.endsWith(".valued"))!.monthlyUsd).toBe(8); // 2 × 50 GiB × $0.08
    expect(lines.filter((l) => l.address.endsWith(".bare"))).toEqual([]);
  });

  it("a Dashboards user pool of a handful of people is inside Cognito's free tier, and says so", () => {
    const lines = only([["qa-core", { provider, resource: { aws_cognito_user_pool: { people: { name: "p" } } } }]]);
    const pool = lines.find((l) => l.address.endsWith(".people"))!;
    expect(pool.monthlyUsd).toBe(0); // 10 users − 10,000 free = none billable
    expect(pool.unpriced).toBeUndefined();
    expect(pool.assumption).toMatch(/first 10000 per account are free/);
  });

  it("Redis OSS pays the full node price, Valkey 20 % less; nodes = 1 + replicas per shard", () => {
    const group = (engine: string) => ({ engine, node_type: "cache.r7g.large", num_node_groups: 1, replicas_per_node_group: 2 });
    const lines = only([
      ["qa-core", { provider, resource: { aws_elasticache_replication_group: { redis: group("redis"), valkey: group("valkey") } } }],
    ]);
    expect(lines.find((l) => l.address.endsWith(".redis"))!.monthlyUsd).toBe(479.61); // 3 × 0.219 × 730 = 479.61
    expect(lines.find((l) => l.address.endsWith(".valkey"))!.monthlyUsd).toBe(383.69); // × 0.8
  });

  it("an ingress served by the AWS Load Balancer Controller implies one ALB per environment, with its public IPv4s", () => {
    const ingress = (name: string) => ({
      metadata: { name, annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
      spec: { ingress_class_name: "alb" },
    });
    const subnet = { tags: { "kubernetes.io/role/elb": "1" } };
    const lines = only([
      ["qa-core", { provider, resource: { aws_subnet: { a: subnet, b: subnet, c: subnet, private: { tags: {} } } } }],
      ["qa-apps", { provider, resource: { kubernetes_ingress_v1: { web: ingress("web"), engine: ingress("engine") } } }],
    ]);
    const alb = lines.filter((l) => l.address === "implied:ingress-alb");
    expect(alb).toHaveLength(1);
    expect(alb[0].monthlyUsd).toBe(22.27); // 0.0225 × 730 + 1 LCU × 0.008 × 730 = 16.425 + 5.84
    expect(alb[0].assumption).toMatch(/one ALB per environment/);
    expect(lines.find((l) => l.address === "implied:ingress-alb-public-ipv4")!.monthlyUsd).toBe(10.95); // 3 subnets × 0.005 × 730
  });

  it("an alarm pays per metric it evaluates: a metric-math alarm over four metrics costs four alarms", () => {
    const metric = (id: string) => ({
      id,
      metric: { metric_name: "RequestCount", namespace: "AWS/ApplicationELB", stat: "Sum", period: 60 },
    });
    const math = {
      metric_query: [metric("a"), metric("b"), metric("c"), metric("d"), { id: "ratio", expression: "a / b", return_data: true }],
    };
    const lines = only([
      ["qa-core", { provider, resource: { aws_cloudwatch_metric_alarm: { plain: { metric_name: "CPUUtilization" }, math } } }],
    ]);
    expect(lines.find((l) => l.address.endsWith(".plain"))!.monthlyUsd).toBe(0.1);
    expect(lines.find((l) => l.address.endsWith(".math"))!.monthlyUsd).toBe(0.4); // 4 metrics × $0.10; the expression is free
  });

  it("an ALB Terraform creates replaces the implied one", () => {
    const lines = only([
      [
        "qa-apps",
        {
          provider,
          resource: {
            aws_lb: { web: { load_balancer_type: "application" } },
            kubernetes_ingress_v1: { web: { spec: { ingress_class_name: "alb" } } },
          },
        },
      ],
    ]);
    expect(lines.filter((l) => l.address.startsWith("implied:ingress"))).toEqual([]);
    expect(lines.find((l) => l.address === "aws_lb.web")!.monthlyUsd).toBe(22.27);
  });

  it("OpenSearch: data nodes, dedicated masters and storage", () => {
    const domain = {
      cluster_config: {
        instance_type: "r7g.large.search",
        instance_count: 3,
        dedicated_master_enabled: true,
        dedicated_master_type: "m7g.large.search",
        dedicated_master_count: 3,
      },
      ebs_options: { ebs_enabled: true, volume_size: 100, volume_type: "gp3" },
    };
    const lines = only([["qa-core", { provider, resource: { aws_opensearch_domain: { logs: domain } } }]]);
    expect(
      Object.fromEntries(lines.filter((l) => l.address === "aws_opensearch_domain.logs").map((l) => [l.description, l.monthlyUsd])),
    ).toEqual({
      "OpenSearch: 3 × r7g.large.search": 365.73, // 3 × 0.167 × 730
      "OpenSearch: 3 × m7g.large.search": 297.84, // 3 × 0.136 × 730
      "OpenSearch storage: 3 × 100 GiB gp3": 36.6, // 3 × 100 × 0.122
    });
  });

  it("a resource in a region without a price table is priced at us-east-1 rates and says so", () => {
    const [line] = only([["qa-core", { provider, resource: { aws_kms_key: { copy: { provider: "aws.dr" } } } }]]);
    expect(line.monthlyUsd).toBe(1);
    expect(line.assumption).toMatch(/priced at us-east-1 rates \(resource is in us-west-2\)/);
  });

  it("lists a billable type nobody priced instead of ignoring it", () => {
    const [env] = estimateOutput([
      ["qa-core", { provider, resource: { aws_instance: { bastion: {} }, aws_iam_role: { r: {} } } }],
    ]).environments;
    expect(env.stacks[0].notEstimated).toEqual(["aws_instance"]);
  });

  it("prices a CloudFront distribution by its assumed traffic, and its cache policy at nothing", () => {
    const lines = only([
      ["qa-edge", { provider, resource: { aws_cloudfront_distribution: { cdn: {} }, aws_cloudfront_cache_policy: { static: {} } } }],
    ]);
    const cdn = lines.filter((l) => l.address.startsWith("aws_cloudfront_distribution."));
    // 10 million HTTPS requests × $1.00 = $10; 100 GB × $0.085 = $8.50.
    expect(cdn.map((l) => l.monthlyUsd)).toEqual([10, 8.5]);
    expect(cdn.every((l) => /CDN_TRAFFIC_PER_MONTH/.test(l.assumption ?? ""))).toBe(true);
    const [env] = estimateOutput([["qa-edge", { provider, resource: { aws_cloudfront_cache_policy: { static: {} } } }]]).environments;
    expect(env.stacks[0].notEstimated).toEqual([]);
  });
});
