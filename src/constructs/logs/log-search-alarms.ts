import { Construct } from "constructs";
import { thresholdAlarm } from "../observability/threshold-alarm";

/** Free storage per node below this share of its volume: writes stop at the service's flood stage. */
export const FREE_STORAGE_ALARM_FRACTION = 0.25;
/** JVM memory pressure above this: the node is close to out-of-memory and rejects requests (AWS guidance). */
export const JVM_MEMORY_PRESSURE_ALARM_PERCENT = 95;
/** Minutes of pressure before paging: a garbage collection spike clears within them. */
export const JVM_MEMORY_PRESSURE_MINUTES = 3;
/** Where each alarm's first steps are written down. */
export const LOG_SEARCH_RUNBOOK = "runbooks/log-search.md#alarms-of-the-domain";
/** MiB per GiB; FreeStorageSpace is reported in MiB. */
const MIB_PER_GIB = 1024;

export interface LogSearchAlarmsProps {
  readonly domainName: string;
  readonly accountId: string;
  /** gp3 volume per data node, GiB. */
  readonly volumeGiB: number;
  /**
   * Data nodes. With one node, replica shards never get assigned and the cluster stays yellow,
   * so the yellow alarm is left out.
   */
  readonly instanceCount: number;
  readonly topicArn: string;
}

/** CloudWatch alarms of the log search domain, on the environment's alarm topic. */
export class LogSearchAlarms extends Construct {
  readonly names: string[] = [];

  constructor(scope: Construct, id: string, props: LogSearchAlarmsProps) {
    super(scope, id);
    const alarm = (
      alarmId: string,
      metricName: string,
      statistic: "Maximum" | "Minimum",
      comparison: "GreaterThanThreshold" | "LessThanThreshold",
      threshold: number,
      description: string,
      evaluationPeriods?: number,
    ) => {
      const name = `${props.domainName}-${alarmId}`;
      this.names.push(name);
      thresholdAlarm(this, alarmId, {
        name,
        description: `${description}. Runbook: ${LOG_SEARCH_RUNBOOK}`,
        namespace: "AWS/ES",
        metricName,
        // The service publishes domain metrics per domain name and owning account.
        dimensions: { DomainName: props.domainName, ClientId: props.accountId },
        statistic,
        comparison,
        threshold,
        topicArn: props.topicArn,
        evaluationPeriods,
      });
    };
    alarm(
      "cluster-red",
      "ClusterStatus.red",
      "Maximum",
      "GreaterThanThreshold",
      0,
      "At least one primary shard is unassigned: some log indices cannot be written or searched",
      1,
    );
    if (props.instanceCount > 1) {
      alarm(
        "cluster-yellow",
        "ClusterStatus.yellow",
        "Maximum",
        "GreaterThanThreshold",
        0,
        "Replica shards are unassigned: losing another node loses log data",
      );
    }
    alarm(
      "free-storage",
      "FreeStorageSpace",
      "Minimum",
      "LessThanThreshold",
      Math.round(props.volumeGiB * MIB_PER_GIB * FREE_STORAGE_ALARM_FRACTION),
      `A data node has under ${FREE_STORAGE_ALARM_FRACTION * 100} % of its ${props.volumeGiB} GiB free: shorten retention or ` +
        `grow the volume before writes are blocked`,
      1,
    );
    alarm(
      "jvm-memory-pressure",
      "JVMMemoryPressure",
      "Maximum",
      "GreaterThanThreshold",
      JVM_MEMORY_PRESSURE_ALARM_PERCENT,
      "Heap nearly full: the node will reject writes or crash; reduce shards or use a larger instance type",
      JVM_MEMORY_PRESSURE_MINUTES,
    );
    alarm(
      "snapshot-failed",
      "AutomatedSnapshotFailure",
      "Maximum",
      "GreaterThanThreshold",
      0,
      "The daily automated snapshot failed (often a red cluster or a full disk)",
      1,
    );
  }
}
