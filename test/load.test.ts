/** The load test: thresholds derived from the objectives, the k6 script's wiring, its workflow. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadTestThresholds, percentile, SERVER_ERRORS_METRIC, WEBSOCKET_FAILURES_METRIC } from "../load/thresholds";
import { OBJECTIVES, type ServiceLevelObjectives } from "../src/slo/objectives";

const script = readFileSync("load/sparki.ts", "utf8");

describe("load test thresholds", () => {
  it("equal the service level objectives: 5xx ratio as a rate, the latency percentile in milliseconds", () => {
    const thresholds = loadTestThresholds();
    for (const workload of ["web", "engine"] as const) {
      const { maxErrorRatio, latencyQuantile, latencyThresholdSeconds } = OBJECTIVES[workload];
      expect(thresholds[`${SERVER_ERRORS_METRIC}{workload:${workload}}`]).toEqual([`rate<${maxErrorRatio}`]);
      expect(thresholds[`http_req_duration{workload:${workload}}`]).toEqual([
        `p(${latencyQuantile * 100})<${latencyThresholdSeconds * 1000}`,
      ]);
    }
    expect(thresholds).toEqual({
      "server_errors{workload:web}": ["rate<0.005"],
      "http_req_duration{workload:web}": ["p(99)<1000"],
      "server_errors{workload:engine}": ["rate<0.005"],
      "http_req_duration{workload:engine}": ["p(99)<1000"],
      "ws_session_failed{workload:engine}": ["rate<0.005"],
      "ws_connecting{workload:engine}": ["p(99)<1000"],
    });
  });

  it("follow a changed objective (P99.5 under 250 ms, 0.1 % errors) without a second copy of the numbers", () => {
    const stricter: ServiceLevelObjectives = {
      ...OBJECTIVES.engine,
      latencyQuantile: 0.995,
      latencyThresholdSeconds: 0.25,
      maxErrorRatio: 0.001,
    };
    const thresholds = loadTestThresholds({ ...OBJECTIVES, engine: stricter });
    expect(thresholds["http_req_duration{workload:engine}"]).toEqual(["p(99.5)<250"]);
    expect(thresholds["ws_connecting{workload:engine}"]).toEqual(["p(99.5)<250"]);
    expect(thresholds[`${WEBSOCKET_FAILURES_METRIC}{workload:engine}`]).toEqual(["rate<0.001"]);
    expect(thresholds["http_req_duration{workload:web}"]).toEqual(["p(99)<1000"]);
    expect(percentile(0.9)).toBe("p(90)");
  });

  it("name metrics and tags the k6 script records", () => {
    expect(script).toContain(`new Rate("${SERVER_ERRORS_METRIC}")`);
    expect(script).toContain(`new Rate("${WEBSOCKET_FAILURES_METRIC}")`);
    const tagged = [...script.matchAll(/tags: \{ workload: "(\w+)" \}/g)].map((m) => m[1]);
    expect(new Set(tagged)).toEqual(new Set(["web", "engine"]));
    expect(script).toContain('JSON.parse(open("./thresholds.json"))');
  });
});

describe("the k6 script", () => {
  it("holds the original plan's 100 concurrent users, including WebSocket sessions on /ws", () => {
    const users = script
      .match(/const USERS = \{ web: (\d+), api: (\d+), websocket: (\d+) \}/)!
      .slice(1)
      .map(Number);
    expect(users.reduce((a, b) => a + b, 0)).toBe(100);
    expect(script).toMatch(/ws\.connect\(url/);
    expect(script).toContain("/ws`");
  });

  it("typechecks against @types/k6", () => {
    const run = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--build", "load"], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("load-test workflow", () => {
  type Step = { uses?: string; run?: string; if?: string; with?: Record<string, string>; env?: Record<string, string> };
  const wf = parse(readFileSync(".github/workflows/load-test.yml", "utf8")) as {
    on: Record<string, any>;
    permissions: Record<string, string>;
    jobs: Record<string, { if?: string; environment?: string; permissions?: Record<string, string>; steps: Step[] }>;
  };
  const job = wf.jobs.staging;
  const runs = job.steps.map((s) => s.run ?? "").join("\n");

  it("runs on demand, from other workflows, and after a successful deploy", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["workflow_call", "workflow_dispatch", "workflow_run"]);
    expect(wf.on.workflow_run).toEqual({ workflows: ["deploy"], types: ["completed"] });
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
  });

  it("targets staging with no cloud credentials and read-only contents", () => {
    expect(wf.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "read" });
    expect(job.environment).toBe("staging-load");
  });

  it("derives the thresholds before k6 runs and always writes the run summary", () => {
    expect(runs).toMatch(/npm run --silent load-thresholds > load\/thresholds\.json[\s\S]*k6 run load\/sparki\.ts/);
    const summary = job.steps.find((s) => s.run?.includes("GITHUB_STEP_SUMMARY"))!;
    expect(summary.if).toBe("always()");
    expect(summary.run).toContain("load/summary.md");
    expect(job.steps.find((s) => s.uses?.startsWith("grafana/setup-k6-action"))!.with).toEqual({
      "k6-version": expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });
});
