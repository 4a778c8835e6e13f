import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { COLOURS, WORKLOAD_NAMES, type Colour, type WorkloadName } from "../workloads/catalog";
import { minimumRequests } from "../../release/canary-verdict";
import { OBJECTIVES, type ServiceLevelObjectives } from "../../slo/objectives";

/** Seconds per datapoint: the load balancer's finest resolution. */
export const DEFAULT_HEALTH_PERIOD_SECONDS = 60;
/** Datapoints looked at, and how many must breach: two bad minutes out of three stop an experiment. */
export const DEFAULT_HEALTH_EVALUATION_PERIODS = 3;
export const DEFAULT_HEALTH_DATAPOINTS_TO_ALARM = 2;

export interface ServiceHealthAlarmsProps {
  /** Resource name prefix, for example `sparki-staging`; alarms are `<name>-<workload>-<signal>`. */
  readonly name: string;
  /** The load balancer's ARN suffix (`app/<name>/<id>`), the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /** Full ARN of each colour's target group, per workload (the edge stack's outputs). */
  readonly targetGroupArns: Readonly<Record<WorkloadName, Readonly<Record<Colour, string>>>>;
  /** @default OBJECTIVES (src/slo/objectives.ts) */
  readonly objectives?: Readonly<Record<WorkloadName, ServiceLevelObjectives>>;
  /** @default DEFAULT_HEALTH_PERIOD_SECONDS */
  readonly periodSeconds?: number;
  /** @default DEFAULT_HEALTH_EVALUATION_PERIODS */
  readonly evaluationPeriods?: number;
  /** @default DEFAULT_HEALTH_DATAPOINTS_TO_ALARM */
  readonly datapointsToAlarm?: number;
}

/**
 * "Users are hurt": CloudWatch alarms on what the load balancer sees, with thresholds derived
 * from the service level objectives — per workload the 5xx ratio and the latency percentile over
 * both colours' target groups, and the 5xx answers the load balancer gives itself (no healthy
 * target) over all its requests. They are the stop conditions of every fault-injection
 * experiment; they notify no one (the Prometheus burn-rate alerts page).
 */
export class ServiceHealthAlarms extends Construct {
  /** ARNs of every alarm, for stop conditions. */
  readonly arns: string[] = [];
  readonly names: string[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServiceHealthAlarmsProps,
  ) {
    super(scope, id);
    const objectives = props.objectives ?? OBJECTIVES;
    for (const workload of WORKLOAD_NAMES) {
      const slo = objectives[workload];
      this.alarm(
        `${workload}-error-ratio`,
        `${props.name}-${workload}-5xx-ratio`,
        `${workload}: share of 5xx answers from its pods above the objective of ${slo.maxErrorRatio} (both colours; windows ` +
          `with fewer than ${minimumRequests(slo)} requests count as healthy). Runbook: runbooks/resilience.md#stop-conditions`,
        slo.maxErrorRatio,
        this.targetErrorRatio(workload, slo),
      );
      this.alarm(
        `${workload}-latency`,
        `${props.name}-${workload}-latency`,
        `${workload}: P${Math.round(slo.latencyQuantile * 100)} target response time of a colour above the objective of ` +
          `${slo.latencyThresholdSeconds} s. Runbook: runbooks/resilience.md#stop-conditions`,
        slo.latencyThresholdSeconds,
        this.latency(workload, slo),
      );
    }
    // The strictest objective: the load balancer's own 5xx cannot be attributed to a workload.
    const strictest = WORKLOAD_NAMES.map((w) => objectives[w]).reduce((a, b) => (b.maxErrorRatio < a.maxErrorRatio ? b : a));
    this.alarm(
      "load-balancer-error-ratio",
      `${props.name}-load-balancer-5xx-ratio`,
      `Share of 5xx answers the load balancer gave itself (no healthy target, timeouts) above ${strictest.maxErrorRatio}. ` +
        `Runbook: runbooks/resilience.md#stop-conditions`,
      strictest.maxErrorRatio,
      this.loadBalancerErrorRatio(strictest),
    );
  }

  private alarm(id: string, name: string, description: string, threshold: number, metricQuery: CloudwatchMetricAlarmMetricQuery[]): void {
    const alarm = new CloudwatchMetricAlarm(this, id, {
      alarmName: name,
      alarmDescription: description,
      comparisonOperator: "GreaterThanThreshold",
      threshold,
      evaluationPeriods: this.props.evaluationPeriods ?? DEFAULT_HEALTH_EVALUATION_PERIODS,
      datapointsToAlarm: this.props.datapointsToAlarm ?? DEFAULT_HEALTH_DATAPOINTS_TO_ALARM,
      // No requests means nobody is hurt (a colour without traffic reports nothing).
      treatMissingData: "notBreaching",
      metricQuery,
    });
    this.arns.push(alarm.arn);
    this.names.push(name);
  }

  private metric(id: string, metricName: string, stat: string, dimensions: Record<string, string>): CloudwatchMetricAlarmMetricQuery {
    return { id, returnData: false, metric: { namespace: "AWS/ApplicationELB", metricName, stat, period: this.period, dimensions } };
  }

  private get period(): number {
    return this.props.periodSeconds ?? DEFAULT_HEALTH_PERIOD_SECONDS;
  }

  private targetGroup(workload: WorkloadName, colour: Colour): Record<string, string> {
    // CloudWatch names a target group by its ARN's resource part: targetgroup/<name>/<id>.
    return {
      TargetGroup: Fn.element(Fn.split(":", this.props.targetGroupArns[workload][colour]), 5),
      LoadBalancer: this.props.loadBalancerArnSuffix,
    };
  }

  private targetErrorRatio(workload: WorkloadName, slo: ServiceLevelObjectives): CloudwatchMetricAlarmMetricQuery[] {
    const queries = COLOURS.flatMap((colour) => [
      this.metric(`errors_${colour}`, "HTTPCode_Target_5XX_Count", "Sum", this.targetGroup(workload, colour)),
      this.metric(`requests_${colour}`, "RequestCount", "Sum", this.targetGroup(workload, colour)),
    ]);
    const sum = (prefix: string) => COLOURS.map((c) => `FILL(${prefix}_${c}, 0)`).join(" + ");
    return [
      ...queries,
      { id: "errors", expression: sum("errors"), returnData: false },
      { id: "requests", expression: sum("requests"), returnData: false },
      {
        id: "ratio",
        label: `${workload} 5xx ratio`,
        expression: `IF(requests >= ${minimumRequests(slo)}, errors / requests, 0)`,
        returnData: true,
      },
    ];
  }

  private latency(workload: WorkloadName, slo: ServiceLevelObjectives): CloudwatchMetricAlarmMetricQuery[] {
    const stat = `p${Math.round(slo.latencyQuantile * 100)}`;
    const queries = COLOURS.map((colour) =>
      this.metric(`latency_${colour}`, "TargetResponseTime", stat, this.targetGroup(workload, colour)),
    );
    return [
      ...queries,
      {
        id: "worst",
        label: `${workload} ${stat} latency, worst colour`,
        expression: `MAX([${COLOURS.map((c) => `latency_${c}`).join(", ")}])`,
        returnData: true,
      },
    ];
  }

  private loadBalancerErrorRatio(slo: ServiceLevelObjectives): CloudwatchMetricAlarmMetricQuery[] {
    const dimensions = { LoadBalancer: this.props.loadBalancerArnSuffix };
    return [
      this.metric("errors", "HTTPCode_ELB_5XX_Count", "Sum", dimensions),
      this.metric("requests", "RequestCount", "Sum", dimensions),
      {
        id: "ratio",
        label: "load balancer 5xx ratio",
        expression: `IF(requests >= ${minimumRequests(slo)}, FILL(errors, 0) / requests, 0)`,
        returnData: true,
      },
    ];
  }
}
