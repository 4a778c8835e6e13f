/**
 * Recording rules and burn-rate alerts generated from the service level objectives
 * (`src/slo/objectives.ts`). Two objectives per workload, each an error budget:
 * - availability: the share of 5xx responses may not exceed `1 - availabilityTarget`;
 * - latency: P99 < 1 s means at most `1 - latencyQuantile` of requests may take longer than 1 s.
 * Each is recorded as a ratio over every burn-rate window and alerted on with the
 * multi-window pairs of `BURN_RATE_WINDOWS`.
 */
import type { IRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Rule";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import { BURN_RATE_WINDOWS, burnThreshold, clean, RATIO_WINDOWS, type BurnRateWindow } from "../../../slo/burn-rates";
import { errorBudget, OBJECTIVES, type ServiceLevelObjectives } from "../../../slo/objectives";
import { WORKLOAD_NAMES, type WorkloadName } from "../../workloads/catalog";
import { HTTP_REQUEST_DURATION, HTTP_STATUS_LABEL, leMatcher, WORKLOAD_LABEL } from "../metrics-contract";
import { alertRule, type AlertSpec, type RuleContext } from "./alert-spec";

/** The alert every SLO burn raises; `slo` and `severity` labels tell the objectives and speeds apart. */
export const SLO_BURN_ALERT = "SparkiErrorBudgetBurn";
/** Window the remaining error budget is reported over on dashboards (the objective's window). */
export const BUDGET_WINDOW = "30d";

export type SloKind = "availability" | "latency";
export const SLO_KINDS: readonly SloKind[] = ["availability", "latency"];

/** Name of the recorded ratio of bad requests for one objective and window. */
export function ratioRecord(kind: SloKind, window: string): string {
  return `sparki:slo_${kind}_bad_ratio:rate${window}`;
}
/** Name of the recorded P99 (or the objective's quantile) latency over 5 minutes. */
export const LATENCY_QUANTILE_RECORD = "sparki:http_request_duration_seconds:quantile_rate5m";

/** The budget of one objective: the share of requests allowed to be bad. */
export function budgetOf(kind: SloKind, objectives: ServiceLevelObjectives): number {
  return kind === "availability" ? clean(errorBudget(objectives)) : clean(1 - objectives.latencyQuantile);
}

const selector = (workload: WorkloadName, extra = "") => `{${WORKLOAD_LABEL}="${workload}"${extra}}`;

/** Ratio of bad requests of a workload over `window`, 0 (not empty) when none were bad. */
function badRatioExpr(kind: SloKind, workload: WorkloadName, objectives: ServiceLevelObjectives, window: string): string {
  const count = `${HTTP_REQUEST_DURATION}_count`;
  const total = `sum by (${WORKLOAD_LABEL}) (rate(${count}${selector(workload)}[${window}]))`;
  if (kind === "availability") {
    const errors = `sum by (${WORKLOAD_LABEL}) (rate(${count}${selector(workload, `, ${HTTP_STATUS_LABEL}=~"5.."`)}[${window}]))`;
    // `or 0 * total`: with no 5xx series at all the ratio is 0, not absent.
    return `(${errors} or 0 * ${total}) / ${total}`;
  }
  const fast =
    `sum by (${WORKLOAD_LABEL}) ` +
    `(rate(${HTTP_REQUEST_DURATION}_bucket${selector(workload, `, ${leMatcher(objectives.latencyThresholdSeconds)}`)}[${window}]))`;
  return `1 - (${fast} / ${total})`;
}

/** Recording rules: bad ratios per objective and window, the 30-day average, the latency quantile. */
export function sloRecordingRules(workload: WorkloadName, objectives: ServiceLevelObjectives = OBJECTIVES[workload]): IRule[] {
  const rules: IRule[] = [];
  // The workload as a static label too, so each workload's rule is distinct to promtool's lint.
  const labels = { [WORKLOAD_LABEL]: workload };
  for (const kind of SLO_KINDS) {
    for (const window of RATIO_WINDOWS) {
      rules.push({
        record: ratioRecord(kind, window),
        expr: badRatioExpr(kind, workload, objectives, window),
        labels: { ...labels, slo: kind },
      });
    }
    // The window's average of the 5-minute ratio: cheap, and what "budget remaining" is read from.
    const short = ratioRecord(kind, RATIO_WINDOWS[0]);
    rules.push({
      record: ratioRecord(kind, BUDGET_WINDOW),
      expr:
        `sum_over_time(${short}${selector(workload)}[${BUDGET_WINDOW}]) / ` +
        `count_over_time(${short}${selector(workload)}[${BUDGET_WINDOW}])`,
      labels: { ...labels, slo: kind },
    });
  }
  rules.push({
    record: LATENCY_QUANTILE_RECORD,
    expr:
      `histogram_quantile(${objectives.latencyQuantile}, sum by (${WORKLOAD_LABEL}, le) ` +
      `(rate(${HTTP_REQUEST_DURATION}_bucket${selector(workload)}[5m])))`,
    labels: { ...labels, quantile: String(objectives.latencyQuantile) },
  });
  return rules;
}

const burning = (kind: SloKind, workload: WorkloadName, window: BurnRateWindow, budget: number) => {
  const threshold = burnThreshold(window.factor, budget);
  const ratio = (w: string) => `${ratioRecord(kind, w)}${selector(workload)} > ${threshold}`;
  return `(${ratio(window.longWindow)} and ${ratio(window.shortWindow)})`;
};

const describe = (kind: SloKind, workload: WorkloadName, objectives: ServiceLevelObjectives) =>
  kind === "availability"
    ? `at most ${clean(errorBudget(objectives) * 100)} % of ${workload} requests answered with 5xx`
    : `at most ${clean((1 - objectives.latencyQuantile) * 100)} % of ${workload} requests slower than ` +
      `${objectives.latencyThresholdSeconds} s`;

/** Burn-rate alerts of one workload: one critical (pairs that page, OR-ed) and one warning per objective. */
export function sloAlerts(workload: WorkloadName, objectives: ServiceLevelObjectives = OBJECTIVES[workload]): AlertSpec[] {
  const alerts: AlertSpec[] = [];
  for (const kind of SLO_KINDS) {
    const budget = budgetOf(kind, objectives);
    for (const severity of ["critical", "warning"] as const) {
      const windows = BURN_RATE_WINDOWS.filter((w) => w.severity === severity);
      if (windows.length === 0) continue;
      const speeds = windows.map((w) => `${w.factor}× the sustainable rate over ${w.longWindow} and ${w.shortWindow}`).join(", or ");
      alerts.push({
        alert: SLO_BURN_ALERT,
        expr: windows.map((w) => burning(kind, workload, w, budget)).join(" or "),
        severity,
        labels: { [WORKLOAD_LABEL]: workload, slo: kind },
        summary: `${workload} is burning its ${kind} error budget ${severity === "critical" ? "fast" : "steadily"}`,
        description:
          `The ${objectives.windowDays}-day ${kind} objective of ${workload} is at risk: the budget ` +
          `(${describe(kind, workload, objectives)}) burns at ${speeds}.`,
      });
    }
  }
  return alerts;
}

/** The SLO rule groups: recordings first (alerts read them), then the alerts. */
export function sloRuleGroups(context: RuleContext): IRuleGroup[] {
  return [
    { name: "sparki-slo-recordings", rules: WORKLOAD_NAMES.flatMap((w) => sloRecordingRules(w)) },
    { name: "sparki-slo-alerts", rules: WORKLOAD_NAMES.flatMap((w) => sloAlerts(w)).map((spec) => alertRule(spec, context)) },
  ];
}
