import { describe, expect, it } from "vitest";
import { DASHBOARD_UIDS, sparkiDashboards } from "../../src/constructs/observability/dashboards/dashboards";
import { sloRuleGroups } from "../../src/constructs/observability/rules/slo-rules";
import { HTTP_REQUEST_DURATION, QUEUE_METRICS } from "../../src/constructs/observability/metrics-contract";
import { promqlErrors, selectedMetrics } from "../helpers/promql";

const dashboards = sparkiDashboards({ region: "us-east-1" });
type Target = { expr?: string; datasource?: { type: string; uid: string }; namespace?: string; metricName?: string; region?: string };
const panels = (d: (typeof dashboards)[number]) =>
  (d.panels ?? []) as { type: string; title?: string; targets?: Target[]; gridPos?: { w: number } }[];
const targets = dashboards.flatMap((d) => panels(d).flatMap((p) => p.targets ?? []));
const promTargets = targets.filter((t) => t.datasource?.type === "prometheus");

describe("Sparki dashboards", () => {
  it("are the five dashboards, each with its stable uid", () => {
    expect(dashboards.map((d) => d.uid)).toEqual(Object.values(DASHBOARD_UIDS));
    expect(dashboards.map((d) => d.title)).toEqual([
      "Sparki / Command Center",
      "Sparki / Pipeline Execution",
      "Sparki / Reliability & SLO",
      "Sparki / Infrastructure",
      "Sparki / Debugging",
    ]);
    // Regenerating gives the same JSON: uids and panels do not drift between syntheses.
    expect(JSON.stringify(sparkiDashboards({ region: "us-east-1" }))).toBe(JSON.stringify(dashboards));
  });

  it("every Prometheus query parses with the PromQL grammar", () => {
    expect(promTargets.length).toBeGreaterThan(30);
    for (const t of promTargets) expect(promqlErrors(t.expr!), t.expr).toEqual([]);
  });

  it("reads the metrics contract and the SLO recordings, so a renamed metric cannot leave a panel empty unnoticed", () => {
    const records = new Set(
      sloRuleGroups({ githubRepository: "a/b" }).flatMap((g) => (g.rules ?? []).flatMap((r) => (r.record ? [r.record] : []))),
    );
    const used = new Set(promTargets.flatMap((t) => selectedMetrics(t.expr!)));
    const { runDuration, ...gaugesAndCounters } = QUEUE_METRICS;
    const contract = [
      `${HTTP_REQUEST_DURATION}_count`,
      `${HTTP_REQUEST_DURATION}_bucket`,
      `${runDuration}_bucket`,
      ...Object.values(gaugesAndCounters),
    ];
    for (const metric of contract) expect(used).toContain(metric);
    for (const metric of used) {
      if (metric.startsWith("sparki:")) expect(records, metric).toContain(metric);
    }
  });

  it("shows RDS and Valkey from CloudWatch in the account's region", () => {
    const cloudWatch = targets.filter((t) => t.datasource?.type === "cloudwatch");
    expect(new Set(cloudWatch.map((t) => t.namespace))).toEqual(new Set(["AWS/RDS", "AWS/ElastiCache"]));
    expect(cloudWatch.every((t) => t.region === "us-east-1" && t.datasource?.uid === "cloudwatch")).toBe(true);
  });

  it("lays panels out within Grafana's 24-column grid", () => {
    for (const d of dashboards) for (const p of panels(d)) expect(p.gridPos?.w ?? 0).toBeLessThanOrEqual(24);
  });

  it("are read-only: changes go through code", () => {
    for (const d of dashboards) expect(d.editable).toBe(false);
  });
});
