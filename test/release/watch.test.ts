/** `release watch` against a mocked CloudWatch: breach → rollback written, healthy → unchanged, too little traffic → no decision. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { judgeCanary, minimumRequests } from "../../src/release/canary-verdict";
import { OBJECTIVES } from "../../src/slo/objectives";
import { environmentsDir, fixtureText, release, releasesDir } from "./helpers";

const cloudWatch = mockClient(CloudWatchClient);
afterEach(() => cloudWatch.reset());
const envs = environmentsDir();
const TARGET_GROUP = "targetgroup/sparki-prod-web-green/73e2d6bc24d8a067";
const LOAD_BALANCER = "app/sparki-prod/50dc6c495c0c9188";

/** CloudWatch answers every poll with these window totals. */
function metrics(requests: number, errors: number, p99: number) {
  cloudWatch.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      { Id: "requests", Values: requests > 0 ? [requests] : [] },
      { Id: "errors", Values: errors > 0 ? [errors] : [] },
      { Id: "latency", Values: requests > 0 ? [p99] : [] },
    ],
  });
}

async function watch(...flags: string[]) {
  const dir = releasesDir({ prod: "canary-10.yaml" });
  const sleeps: number[] = [];
  const run = await release(
    [
      "watch",
      "prod",
      "web",
      "--releases",
      dir,
      "--environments",
      envs,
      "--target-group",
      TARGET_GROUP,
      "--load-balancer",
      LOAD_BALANCER,
      "--polls",
      "3",
      "--interval",
      "30",
      ...flags,
    ],
    { sleep: async (ms) => void sleeps.push(ms) },
  );
  return { ...run, sleeps, text: readFileSync(join(dir, "prod.yaml"), "utf8") };
}

describe("release watch", () => {
  it("rolls back by itself when the canary's 5xx ratio breaches the objective, and exits 3", async () => {
    metrics(1000, 12, 0.2); // 1.2 % > 0.5 %
    const run = await watch();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("5xx ratio 1.20 % above the objective 0.50 % (12 of 1000 requests)");
    expect(run.text).toBe(fixtureText("canary-10.yaml").replace("traffic: { blue: 90, green: 10 }", "traffic: { blue: 100, green: 0 }"));
    expect(run.stdout).toContain("prod-edge: listener weights: sparki-prod-web-blue 90 → 100, sparki-prod-web-green 10 → 0");
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toHaveLength(1); // stops at the first breach
  });

  it("rolls back on P99 latency above 1 s", async () => {
    metrics(1000, 0, 1.4);
    const run = await watch();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("P99 latency 1.400 s above the objective 1 s");
  });

  it("leaves the file unchanged and exits 0 after the polls when healthy", async () => {
    metrics(1000, 5, 0.9); // exactly 0.5 %: at the objective, not above it
    const run = await watch();
    expect(run.code).toBe(0);
    expect(run.text).toBe(fixtureText("canary-10.yaml"));
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toHaveLength(3);
    expect(run.sleeps).toEqual([30_000, 30_000]);
  });

  it("makes no decision on too little traffic: exit 4, nothing written, even with errors", async () => {
    metrics(150, 3, 2);
    const run = await watch();
    expect(run.code).toBe(4);
    expect(run.stdout).toContain("too little traffic (fewer than 200 requests): no decision");
    expect(run.text).toBe(fixtureText("canary-10.yaml"));
  });

  it("asks CloudWatch for the canary target group's metrics over the window ending at the last whole minute", async () => {
    metrics(1000, 0, 0.1);
    await release(
      [
        "watch",
        "prod",
        "web",
        "--releases",
        releasesDir({ prod: "canary-10.yaml" }),
        "--environments",
        envs,
        "--target-group",
        TARGET_GROUP,
        "--load-balancer",
        LOAD_BALANCER,
        "--polls",
        "1",
        "--window",
        "5",
      ],
      { now: () => new Date("2026-11-29T12:07:42Z") },
    );
    const input = cloudWatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input as GetMetricDataCommandInput;
    expect(input.StartTime).toEqual(new Date("2026-11-29T12:02:00Z"));
    expect(input.EndTime).toEqual(new Date("2026-11-29T12:07:00Z"));
    const stats = input.MetricDataQueries!.map((q) => [q.MetricStat!.Metric!.MetricName, q.MetricStat!.Stat, q.MetricStat!.Period]);
    expect(stats).toEqual([
      ["HTTPCode_Target_5XX_Count", "Sum", 300],
      ["RequestCount", "Sum", 300],
      ["TargetResponseTime", "p99", 300],
    ]);
    for (const query of input.MetricDataQueries!) {
      expect(query.MetricStat!.Metric!.Namespace).toBe("AWS/ApplicationELB");
      expect(query.MetricStat!.Metric!.Dimensions).toEqual([
        { Name: "TargetGroup", Value: TARGET_GROUP },
        { Name: "LoadBalancer", Value: LOAD_BALANCER },
      ]);
    }
  });

  it("finds the dimensions in the edge stack's outputs, and refuses another colour's target group", async () => {
    metrics(1000, 0, 0.1);
    const dir = releasesDir({ prod: "canary-10.yaml" });
    const outputs = {
      web_green_target_group_arn: { value: `arn:aws:elasticloadbalancing:us-east-1:333333333333:${TARGET_GROUP}` },
      load_balancer_arn_suffix: { value: LOAD_BALANCER },
    };
    const ok = await release(["watch", "prod", "web", "--releases", dir, "--environments", envs, "--polls", "1"], {
      terraformOutputs: () => outputs,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`target group ${TARGET_GROUP}`);
    const wrong = await release([
      "watch",
      "prod",
      "web",
      "--releases",
      dir,
      "--environments",
      envs,
      "--target-group",
      "targetgroup/sparki-prod-web-blue/73e2d6bc24d8a067",
      "--load-balancer",
      LOAD_BALANCER,
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("is not green's group sparki-prod-web-green");
  });

  it("refuses when no canary is in progress", async () => {
    const run = await release([
      "watch",
      "prod",
      "web",
      "--releases",
      releasesDir({ prod: "staged-green.yaml" }),
      "--environments",
      envs,
      "--target-group",
      TARGET_GROUP,
      "--load-balancer",
      LOAD_BALANCER,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no canary in progress");
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});

describe("canary verdict", () => {
  const web = OBJECTIVES.web;

  it("needs 200 requests at a 0.5 % objective: fewer, and one error alone would read as a breach", () => {
    expect(minimumRequests(web)).toBe(200);
    expect(judgeCanary({ requests: 199, errors5xx: 0, latencyP99Seconds: 0.1 }, web).kind).toBe("too-little-traffic");
    expect(judgeCanary({ requests: 200, errors5xx: 1, latencyP99Seconds: 0.1 }, web).kind).toBe("healthy");
    expect(judgeCanary({ requests: 200, errors5xx: 2, latencyP99Seconds: 0.1 }, web).kind).toBe("breach");
  });

  it("follows the objectives it is given rather than fixed numbers", () => {
    const strict = { ...web, maxErrorRatio: 0.001, latencyThresholdSeconds: 0.25 };
    expect(minimumRequests(strict)).toBe(1000);
    expect(judgeCanary({ requests: 2000, errors5xx: 3, latencyP99Seconds: 0.1 }, strict).kind).toBe("breach");
    expect(judgeCanary({ requests: 2000, errors5xx: 0, latencyP99Seconds: 0.3 }, strict).kind).toBe("breach");
    expect(judgeCanary({ requests: 2000, errors5xx: 0, latencyP99Seconds: 0.3 }, web).kind).toBe("healthy");
  });
});
