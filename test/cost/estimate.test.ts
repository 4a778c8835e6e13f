/**
 * The estimate of the committed environments, checked line by line against figures worked out by
 * hand from the documented prices (src/cost/prices-us-east-1.ts, 730 hours a month), not by
 * calling the estimator's helpers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { lineItems } from "../../src/cost/estimate";
import type { EnvironmentEstimate, LineItem, OutputEstimate } from "../../src/cost/types";
import { environmentsDir, synth, unchanged } from "./helpers";

let estimate: OutputEstimate;
beforeAll(() => {
  estimate = synth(environmentsDir({ dev: unchanged, staging: unchanged, prod: unchanged })).result.cost.estimate;
});

const env = (name: string): EnvironmentEstimate => estimate.environments.find((e) => e.environment === name)!;
const items = (name: string, match: RegExp): LineItem[] => lineItems(env(name)).filter((i) => match.test(i.description));
const total = (list: LineItem[]) => Math.round(list.reduce((t, i) => t + i.monthlyUsd, 0) * 100) / 100;

describe("monthly estimate per environment", () => {
  it("groups stacks by their Environment tag and account-level stacks by account", () => {
    expect(estimate.environments.map((e) => e.environment)).toEqual([
      "account 111111111111",
      "account 222222222222",
      "account 333333333333",
      "dev",
      "prod",
      "staging",
    ]);
    expect(env("prod").stacks.map((s) => s.stack)).toEqual(expect.arrayContaining(["prod-core", "prod-cluster"]));
    // The state bucket's key is the only fixed cost of a bootstrap stack.
    expect(env("account 333333333333").monthlyUsd).toBe(1);
  });

  it("prod: three NAT gateways and their public IPv4 addresses", () => {
    // 3 × NAT at 0.045 × 730 = 98.55; 3 × IPv4 at 0.005 × 730 = 10.95
    expect(total(items("prod", /^NAT gateway/))).toBe(98.55);
    expect(total(items("prod", /^Public IPv4/))).toBe(10.95);
    // dev and staging share one NAT: 0.045 × 730 = 32.85
    expect(total(items("dev", /^NAT gateway/))).toBe(32.85);
  });

  it("prices the edge: ALB hour and one LCU, its public addresses, the web ACL with its rules and assumed requests", () => {
    // 0.0225 × 730 + 0.008 × 730 = 22.27; 3 × 0.005 × 730 = 10.95; $5 + 4 rules × $1; 10 M × $0.60
    expect(total(items("prod", /^Load balancer \(application\)/))).toBe(22.27);
    expect(total(items("prod", /^Internet-facing ALB: 3 public IPv4/))).toBe(10.95);
    expect(total(items("dev", /^Internet-facing ALB: 2 public IPv4/))).toBe(7.3);
    expect(total(items("prod", /^WAF web ACL with 4 rules/))).toBe(9);
    expect(total(items("prod", /^WAF requests/))).toBe(6);
  });

  it("prod: Multi-AZ primary pays twice for instance and storage, replicas once", () => {
    const [primary] = items("prod", /Multi-AZ \(primary \+ standby\)/);
    expect(primary.monthlyUsd).toBe(697.88); // 0.478 × 730 × 2 = 697.88
    expect(items("prod", /gp3 × 2 \(Multi-AZ\)/)[0].monthlyUsd).toBe(46); // 200 GiB × 0.115 × 2
    const replicas = items("prod", /read replica/);
    expect(replicas.map((r) => r.monthlyUsd)).toEqual([348.94, 348.94]); // 0.478 × 730 = 348.94 each
    // replicas inherit the primary's 200 GiB: 200 × 0.115 = 23.00 each
    expect(items("prod", /^RDS storage: 200 GiB gp3$/).map((r) => r.monthlyUsd)).toEqual([23, 23]);
  });

  it("prod: Valkey nodes cost 20 % less than Redis OSS", () => {
    const [cache] = items("prod", /^ElastiCache/);
    expect(cache.description).toBe("ElastiCache valkey: 3 × cache.r7g.large");
    expect(cache.monthlyUsd).toBe(383.69); // 3 × 0.219 × 0.8 × 730 = 383.688
  });

  it("prod: on-demand node groups at desired size with their gp3 root volumes", () => {
    expect(items("prod", /^EKS node group: 3 × m7i\.large ON_DEMAND/)[0].monthlyUsd).toBe(220.75); // 3 × 0.1008 × 730 = 220.752
    expect(items("prod", /^EKS node group: 3 × m7i\.xlarge ON_DEMAND/)[0].monthlyUsd).toBe(441.5); // 3 × 0.2016 × 730 = 441.504
    expect(total(items("prod", /^EKS node root volumes/))).toBe(24); // 6 nodes × 50 GiB × 0.08
    expect(total(items("prod", /^EKS control plane/))).toBe(73); // 0.10 × 730
  });

  it("prod: interface endpoints bill per Availability Zone", () => {
    // 4 endpoints (ecr.api, ecr.dkr, sts, logs) × 3 AZs × 0.01 × 730 = 87.60; the S3 gateway endpoint is free
    expect(total(items("prod", /^Interface endpoint/))).toBe(87.6);
  });

  it("dev: Spot node group at the documented average discount", () => {
    expect(items("dev", /SPOT/)[0].monthlyUsd).toBe(29.43); // 1 × 0.1008 × (1 − 0.6) × 730 = 29.4336
    expect(items("dev", /^EKS node group: 2 × t3\.large ON_DEMAND/)[0].monthlyUsd).toBe(121.47); // 2 × 0.0832 × 730 = 121.472
  });

  it("log ingestion comes from budget.logIngestionGiBPerMonth, or its default", () => {
    expect(items("staging", /^CloudWatch Logs ingestion/)[0].monthlyUsd).toBe(25); // 50 GiB × 0.50
    expect(items("dev", /^CloudWatch Logs ingestion/)[0].monthlyUsd).toBe(10); // default 20 GiB × 0.50
  });

  it("per-object services: KMS keys, secrets and alarms", () => {
    for (const item of items("prod", /^KMS customer managed key/)) expect(item.monthlyUsd).toBe(1);
    for (const item of items("prod", /^Secrets Manager secret/)) expect(item.monthlyUsd).toBe(0.4);
    for (const item of items("prod", /^CloudWatch alarm/)) expect(item.monthlyUsd).toBe(0.1);
  });

  it("an environment's total is the sum of its stacks and implied items, and nothing is unpriced", () => {
    for (const e of estimate.environments) {
      expect(e.monthlyUsd).toBe(total(lineItems(e)));
      expect(e.unpriced).toEqual([]);
    }
  });

  it("every resource type the stacks create is priced or known to have no fixed price", () => {
    // A billable type nobody priced shows up here (and as a note in the synth summary).
    expect(estimate.environments.flatMap((e) => e.stacks.flatMap((s) => s.notEstimated.map((t) => `${s.stack}: ${t}`)))).toEqual([]);
  });
});
