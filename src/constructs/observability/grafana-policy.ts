/**
 * What Grafana's CloudWatch data source may do: read metrics, alarms and logs of its own
 * account and region, and list the tags and instances its query editor offers as dimension
 * values. Read-only; the role cannot change or delete anything.
 */
export function grafanaCloudWatchStatements(region: string, accountId: string): Record<string, unknown>[] {
  return [
    {
      Sid: "ReadMetricsAndAlarms",
      Effect: "Allow",
      // These CloudWatch read actions support no resource-level permissions.
      Action: [
        "cloudwatch:GetMetricData",
        "cloudwatch:ListMetrics",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DescribeAlarmsForMetric",
        "cloudwatch:DescribeAlarmHistory",
        "cloudwatch:GetInsightRuleReport",
      ],
      Resource: "*",
    },
    {
      Sid: "QueryLogs",
      Effect: "Allow",
      Action: [
        "logs:DescribeLogGroups",
        "logs:GetLogGroupFields",
        "logs:StartQuery",
        "logs:StopQuery",
        "logs:GetQueryResults",
        "logs:GetLogEvents",
      ],
      Resource: `arn:aws:logs:${region}:${accountId}:log-group:*`,
    },
    {
      Sid: "DimensionValues",
      Effect: "Allow",
      Action: ["ec2:DescribeTags", "ec2:DescribeInstances", "ec2:DescribeRegions", "tag:GetResources"],
      Resource: "*",
    },
  ];
}
