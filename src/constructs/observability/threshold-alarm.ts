import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";

/** Seconds per datapoint: CloudWatch's standard resolution for RDS and ElastiCache metrics. */
export const DEFAULT_ALARM_PERIOD_SECONDS = 60;
/** Datapoints that must breach: five minutes, so a single spike does not page anyone. */
export const DEFAULT_ALARM_EVALUATION_PERIODS = 5;

export interface ThresholdAlarmProps {
  /** Alarm name; runbooks refer to alarms by this name. */
  readonly name: string;
  /** What breaching means and where to look (shown in the notification). */
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  /** SNS topic notified on ALARM and on OK. */
  readonly topicArn: string;
  /** @default DEFAULT_ALARM_PERIOD_SECONDS */
  readonly periodSeconds?: number;
  /** @default DEFAULT_ALARM_EVALUATION_PERIODS */
  readonly evaluationPeriods?: number;
  /** @default "missing" (the alarm keeps its state while no data arrives) */
  readonly treatMissingData?: "missing" | "breaching" | "notBreaching";
}

/** A static-threshold CloudWatch alarm that notifies one topic when it fires and when it clears. */
export function thresholdAlarm(scope: Construct, id: string, props: ThresholdAlarmProps): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: props.name,
    alarmDescription: props.description,
    namespace: props.namespace,
    metricName: props.metricName,
    dimensions: props.dimensions,
    statistic: props.statistic,
    comparisonOperator: props.comparison,
    threshold: props.threshold,
    period: props.periodSeconds ?? DEFAULT_ALARM_PERIOD_SECONDS,
    evaluationPeriods: props.evaluationPeriods ?? DEFAULT_ALARM_EVALUATION_PERIODS,
    treatMissingData: props.treatMissingData ?? "missing",
    alarmActions: [props.topicArn],
    okActions: [props.topicArn],
  });
}
