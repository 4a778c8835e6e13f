import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { describe, expect, it } from "vitest";
import { RUNBOOK_DIR, runbookUrl } from "../../src/constructs/observability/rules/alert-spec";
import { prometheusRules, ruleGroups } from "../../src/constructs/observability/rules/index";
import { ALERTS } from "../../src/constructs/observability/rules/platform-alerts";
import {
  budgetOf,
  LATENCY_QUANTILE_RECORD,
  ratioRecord,
  SLO_BURN_ALERT,
  sloAlerts,
} from "../../src/constructs/observability/rules/slo-rules";
import { HTTP_REQUEST_DURATION, QUEUE_METRICS } from "../../src/constructs/observability/metrics-contract";
import { OBJECTIVES } from "../../src/slo/objectives";
import { promqlErrors, selectedMetrics } from "../helpers/promql";

const context = { githubRepository: "sparki-dev/sparki-platform" };
const rules = ruleGroups(context).flatMap((g) => g.rules ?? []);
const alerts = rules.filter((r) => r.alert);
const records = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

/** Metrics other exporters provide: kube-state-metrics, node-exporter, kubelet. */
const EXPORTER_METRICS = [
  "kube_pod_container_status_restarts_total",
  "kube_node_status_condition",
  "kubelet_volume_stats_available_bytes",
  "kubelet_volume_stats_capacity_bytes",
  "node_filesystem_avail_bytes",
  "node_filesystem_size_bytes",
];
const CONTRACT = [...["count", "bucket", "sum"].map((suffix) => `${HTTP_REQUEST_DURATION}_${suffix}`), ...Object.values(QUEUE_METRICS)];

describe("Prometheus rules", () => {
  it("every expression parses with the Prometheus PromQL grammar", () => {
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) expect(promqlErrors(String(rule.expr)), `${rule.alert ?? rule.record}: ${rule.expr}`).toEqual([]);
  });

  it("the grammar check is real: a broken expression fails it", () => {
    expect(promqlErrors("sum(rate(x[5m])")).not.toEqual([]);
  });

  it("selects only contract metrics, exporter metrics and its own recordings", () => {
    const known = new Set([...CONTRACT, ...EXPORTER_METRICS, ...records]);
    for (const rule of rules) {
      for (const metric of selectedMetrics(String(rule.expr)))
        expect(known, `${rule.alert ?? rule.record} reads ${metric}`).toContain(metric);
    }
  });

  it("every alert carries severity, summary, description and a runbook link to its own file", () => {
    for (const alert of alerts) {
      expect(["critical", "warning"]).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary).toBeTruthy();
      expect(alert.annotations?.description).toBeTruthy();
      expect(alert.annotations?.runbook_url).toBe(
        `https://github.com/sparki-dev/sparki-platform/blob/main/runbooks/alerts/${alert.alert}.md`,
      );
    }
  });

  it("every alert has a runbook that names it, and every alert runbook belongs to an alert", () => {
    const names = [...new Set(alerts.map((a) => a.alert!))].sort();
    for (const name of names) {
      const file = join(RUNBOOK_DIR, `${name}.md`);
      expect(existsSync(file), `${file} missing`).toBe(true);
      expect(readFileSync(file, "utf8")).toMatch(new RegExp(`^# ${name}\\b`, "m"));
    }
    const files = readdirSync(RUNBOOK_DIR).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(files.map((f) => f.replace(/\.md$/, "")).sort()).toEqual(names);
  });

  it("covers the alerts the on-call needs", () => {
    const names = new Set(alerts.map((a) => a.alert));
    for (const name of [SLO_BURN_ALERT, ...Object.values(ALERTS)]) expect(names).toContain(name);
  });

  it("derives burn thresholds from the objective: 14.4× and 6× of a 0.5 % budget page, 1× opens a ticket", () => {
    expect(budgetOf("availability", OBJECTIVES.web)).toBe(0.005);
    expect(budgetOf("latency", OBJECTIVES.web)).toBe(0.01);
    const [page, ticket] = sloAlerts("engine").filter((a) => a.labels?.slo === "availability");
    expect(page.severity).toBe("critical");
    // 14.4 × 0.005 = 0.072 over 1h and 5m; 6 × 0.005 = 0.03 over 6h and 30m.
    expect(page.expr).toBe(
      `(${ratioRecord("availability", "1h")}{workload="engine"} > 0.072 and ` +
        `${ratioRecord("availability", "5m")}{workload="engine"} > 0.072)` +
        ` or (${ratioRecord("availability", "6h")}{workload="engine"} > 0.03 and ` +
        `${ratioRecord("availability", "30m")}{workload="engine"} > 0.03)`,
    );
    expect(ticket.severity).toBe("warning");
    expect(ticket.expr).toContain(`${ratioRecord("availability", "3d")}{workload="engine"} > 0.005`);
    // Latency budget 1 % (P99): 14.4 × 0.01 = 0.144.
    expect(sloAlerts("web").find((a) => a.labels?.slo === "latency")!.expr).toContain("> 0.144");
  });

  it("follows a changed objective instead of a typed-in number", () => {
    const stricter = { ...OBJECTIVES.web, availabilityTarget: 0.999 };
    expect(sloAlerts("web", stricter)[0].expr).toContain("> 0.0144");
  });

  it("records the latency quantile of each workload", () => {
    const quantiles = rules.filter((r) => r.record === LATENCY_QUANTILE_RECORD).map((r) => String(r.expr));
    expect(quantiles).toHaveLength(2);
    expect(quantiles[0]).toMatch(/^histogram_quantile\(0\.99, /);
  });

  it("ships as PrometheusRule objects that pass the operator's schema", () => {
    const objects = prometheusRules("observability", context, { "app.kubernetes.io/part-of": "sparki" });
    expect(objects.map((o) => o.metadata?.name)).toEqual([
      "sparki-slo-recordings",
      "sparki-slo-alerts",
      "sparki-api",
      "sparki-pipeline-queue",
      "sparki-kubernetes",
    ]);
    for (const object of objects) expect(() => new PrometheusRule(object).validate(), object.metadata?.name).not.toThrow();
    // The validation is real: a rule without an expression is refused.
    const broken = { ...objects[0], spec: { groups: [{ name: "x", rules: [{ alert: "X" }] }] } };
    expect(() => new PrometheusRule(broken as never).validate()).toThrow();
  });

  it("links runbooks into the environment's own repository", () => {
    expect(runbookUrl("acme/platform", "X")).toBe("https://github.com/acme/platform/blob/main/runbooks/alerts/X.md");
  });
});
