/**
 * Reads one evaluation window of a target group's load balancer metrics from CloudWatch
 * (namespace AWS/ApplicationELB, dimensions TargetGroup and LoadBalancer, both ARN suffixes).
 */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { CanaryWindow } from "./canary-verdict";

export interface TargetGroupDimensions {
  /** `targetgroup/<name>/<id>`: the part of the target group ARN after the account. */
  readonly targetGroup: string;
  /** `app/<name>/<id>`: the part of the load balancer ARN after `loadbalancer/`. */
  readonly loadBalancer: string;
}

const SECONDS_PER_MINUTE = 60;

/**
 * The window that ends at the last whole minute before `now`: CloudWatch rounds a recent start
 * time down to the minute anyway, and one period the size of the window gives one datapoint.
 */
export function evaluationWindow(now: Date, windowMinutes: number): { start: Date; end: Date; periodSeconds: number } {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { start: new Date(end.getTime() - windowMinutes * 60_000), end, periodSeconds: windowMinutes * SECONDS_PER_MINUTE };
}

export function canaryQueries(dimensions: TargetGroupDimensions, periodSeconds: number): MetricDataQuery[] {
  const metric = (id: string, metricName: string, stat: string): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: "AWS/ApplicationELB",
        MetricName: metricName,
        Dimensions: [
          { Name: "TargetGroup", Value: dimensions.targetGroup },
          { Name: "LoadBalancer", Value: dimensions.loadBalancer },
        ],
      },
      Period: periodSeconds,
      Stat: stat,
    },
    ReturnData: true,
  });
  return [
    metric("errors", "HTTPCode_Target_5XX_Count", "Sum"),
    metric("requests", "RequestCount", "Sum"),
    metric("latency", "TargetResponseTime", "p99"),
  ];
}

/** The window's counts; the load balancer reports nothing for a minute without requests, so absent = 0. */
export async function readCanaryWindow(
  client: CloudWatchClient,
  dimensions: TargetGroupDimensions,
  now: Date,
  windowMinutes: number,
): Promise<CanaryWindow> {
  const { start, end, periodSeconds } = evaluationWindow(now, windowMinutes);
  const values = new Map<string, number[]>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: canaryQueries(dimensions, periodSeconds),
        StartTime: start,
        EndTime: end,
        NextToken: nextToken,
      }),
    );
    for (const result of page.MetricDataResults ?? [])
      values.set(result.Id ?? "", [...(values.get(result.Id ?? "") ?? []), ...(result.Values ?? [])]);
    nextToken = page.NextToken;
  } while (nextToken);
  const sum = (id: string) => (values.get(id) ?? []).reduce((a, b) => a + b, 0);
  const latency = values.get("latency") ?? [];
  // More than one datapoint only if CloudWatch split the window: the worst P99 is the safe reading.
  return { requests: sum("requests"), errors5xx: sum("errors"), latencyP99Seconds: latency.length > 0 ? Math.max(...latency) : undefined };
}
