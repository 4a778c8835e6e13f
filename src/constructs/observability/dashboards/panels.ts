/**
 * Small helpers over Grafana's typed SDK shared by the dashboards: Prometheus and CloudWatch
 * queries against the data sources this stack provisions (fixed uids), and panel shapes.
 */
import * as cloudwatch from "@grafana/grafana-foundation-sdk/cloudwatch";
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";

/** uids of the data sources the kube-prometheus-stack release provisions. */
export const DATASOURCES = {
  prometheus: { type: "prometheus", uid: "prometheus" },
  cloudwatch: { type: "cloudwatch", uid: "cloudwatch" },
  jaeger: { type: "jaeger", uid: "jaeger" },
} as const;

/** Standard panel height and the widths of a 24-column row. */
export const HEIGHT = 8;
export const HALF = 12;
export const THIRD = 8;
export const QUARTER = 6;

export function prom(expr: string, legend: string, refId = "A"): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder().expr(expr).legendFormat(legend).refId(refId).datasource(DATASOURCES.prometheus);
}

/** A CloudWatch metric of every resource of a kind in the account and region (dimension `*`). */
export function cloudWatchMetric(
  region: string,
  namespace: string,
  metric: string,
  dimension: string,
  statistic = "Average",
): cloudwatch.MetricsQueryBuilder {
  return new cloudwatch.MetricsQueryBuilder()
    .datasource(DATASOURCES.cloudwatch)
    .queryMode(cloudwatch.QueryMode.Metrics)
    .metricQueryType(cloudwatch.MetricQueryType.Search)
    .metricEditorMode(cloudwatch.MetricEditorMode.Builder)
    .region(region)
    .namespace(namespace)
    .metricName(metric)
    .dimensions({ [dimension]: "*" })
    .matchExact(false)
    .statistic(statistic)
    .refId("A");
}

export function series(title: string, unit: string, queries: cog.Builder<cog.Dataquery>[], width = HALF): timeseries.PanelBuilder {
  return new timeseries.PanelBuilder().title(title).unit(unit).targets(queries).height(HEIGHT).span(width);
}

export function single(title: string, unit: string, query: cog.Builder<cog.Dataquery>, width = QUARTER): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(title)
    .unit(unit)
    .withTarget(query)
    .height(HEIGHT / 2)
    .span(width);
}

export function row(title: string): dashboard.RowBuilder {
  return new dashboard.RowBuilder(title);
}

/** A dashboard with the shared settings: UTC, a 30 s refresh, read-only (changes go through code). */
export function board(uid: string, title: string, description: string): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(["sparki"])
    .timezone("utc")
    .refresh("30s")
    .time({ from: "now-6h", to: "now" })
    .readonly()
    .link(
      new dashboard.DashboardLinkBuilder("Sparki")
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags(["sparki"])
        .asDropdown(true)
        .keepTime(true),
    );
}
