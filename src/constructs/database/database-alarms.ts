import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";
import { thresholdAlarm } from "../observability/threshold-alarm";
import type { DbInstanceClassSpec } from "./instance-classes";

const BYTES_PER_GIB = 1024 ** 3;

/** Sustained CPU above this leaves no headroom for a traffic spike or a failover's catch-up. */
export const CPU_ALARM_PERCENT = 80;
/** Freeable memory below this share of the class's RAM means the instance is about to swap. */
export const FREEABLE_MEMORY_ALARM_FRACTION = 0.1;
/** RDS storage autoscaling grows the disk when free space falls to this share of the allocated storage. */
export const STORAGE_AUTOSCALING_TRIGGER_FRACTION = 0.1;
/**
 * Free storage below this share of the initially allocated storage: half the autoscaling trigger
 * at the smallest the disk ever is, so autoscaling never trips it while it can still act; reaching
 * it means autoscaling is in its 6-hour cooldown or at the ceiling and a human must act. CloudWatch
 * publishes no allocated-storage metric, so a free-space threshold cannot follow the disk as it
 * grows: nearing the ceiling is watched by RDS's own events (STORAGE_CEILING_EVENT_IDS).
 */
export const FREE_STORAGE_ALARM_FRACTION = STORAGE_AUTOSCALING_TRIGGER_FRACTION / 2;
/**
 * RDS events that say storage is nearing maxAllocatedStorageGiB, computed by RDS from the disk's
 * real size: RDS-EVENT-0225 (allocated storage approaching the maximum storage threshold; RDS sends
 * it once the ceiling is less than STORAGE_CEILING_MIN_HEADROOM_PERCENT above the allocation),
 * RDS-EVENT-0224 (a pending autoscaling task reaches or exceeds the ceiling) and RDS-EVENT-0223
 * (autoscaling is unable to scale).
 */
export const STORAGE_CEILING_EVENT_IDS = ["RDS-EVENT-0223", "RDS-EVENT-0224", "RDS-EVENT-0225"] as const;
/**
 * The RDS user guide recommends a ceiling at least 26 % above the allocated storage; closer, RDS
 * reports the ceiling as near (RDS-EVENT-0225) from the first day. The schema enforces it.
 */
export const STORAGE_CEILING_MIN_HEADROOM_PERCENT = 26;
/** Connections above this share of max_connections: the next pool growth will be refused. */
export const CONNECTIONS_ALARM_FRACTION = 0.8;
/** Replica reads older than this show users pipeline states the engine has already left. */
export const REPLICA_LAG_ALARM_SECONDS = 30;
/** gp3 answers in single-digit milliseconds; a sustained 20 ms means the volume is saturated. */
export const IO_LATENCY_ALARM_SECONDS = 0.02;
/** Burstable classes: alarm when fewer credits remain than this many minutes of full burst on every vCPU. */
export const CPU_CREDIT_ALARM_MINUTES = 60;

export interface DatabaseAlarmsProps {
  /** RDS instance identifier; alarm names start with it. */
  readonly identifier: string;
  readonly instanceClass: DbInstanceClassSpec;
  /** The instance's max_connections (from the parameter group). */
  readonly maxConnections: number;
  /** Storage allocated at creation (GiB); the free-storage threshold derives from it. */
  readonly allocatedStorageGiB: number;
  /** RDS instance ARN; the storage-ceiling event rule matches its events only. */
  readonly instanceArn: string;
  /** Read replicas also alarm on replica lag. */
  readonly replica: boolean;
  readonly topicArn: string;
}

/** CloudWatch alarms of one PostgreSQL instance; thresholds follow from its class and settings. */
export class DatabaseAlarms extends Construct {
  /** Names of the alarms, for runbooks and dashboards. */
  readonly names: string[] = [];
  /** Names of the EventBridge rules that notify the alarm topic. */
  readonly eventRuleNames: string[] = [];

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const { identifier, instanceClass } = props;
    const alarm = (
      alarmId: string,
      metricName: string,
      comparison: "GreaterThanThreshold" | "LessThanThreshold",
      threshold: number,
      description: string,
    ) => {
      const name = `${identifier}-${alarmId}`;
      this.names.push(name);
      thresholdAlarm(this, alarmId, {
        name,
        description: `${description} Runbook: runbooks/database.md#${alarmId}`,
        namespace: "AWS/RDS",
        metricName,
        dimensions: { DBInstanceIdentifier: identifier },
        statistic: "Average",
        comparison,
        threshold,
        topicArn: props.topicArn,
      });
    };

    alarm("cpu-high", "CPUUtilization", "GreaterThanThreshold", CPU_ALARM_PERCENT, `CPU above ${CPU_ALARM_PERCENT}% for 5 minutes.`);
    alarm(
      "freeable-memory-low",
      "FreeableMemory",
      "LessThanThreshold",
      Math.round(instanceClass.memoryGiB * BYTES_PER_GIB * FREEABLE_MEMORY_ALARM_FRACTION),
      `Freeable memory below ${FREEABLE_MEMORY_ALARM_FRACTION * 100}% of ${instanceClass.memoryGiB} GiB.`,
    );
    alarm(
      "free-storage-low",
      "FreeStorageSpace",
      "LessThanThreshold",
      freeStorageAlarmBytes(props.allocatedStorageGiB),
      `Free storage below ${FREE_STORAGE_ALARM_FRACTION * 100}% of the initial ${props.allocatedStorageGiB} GiB: autoscaling is ` +
        `in its cooldown or at its ceiling.`,
    );
    // Nearing the ceiling is an RDS event, not a metric: only RDS knows the disk's current size.
    const ceilingRule = new CloudwatchEventRule(this, "storage-near-ceiling", {
      name: `${identifier}-storage-near-ceiling`,
      description:
        `Storage of ${identifier} nears its autoscaling ceiling, or autoscaling cannot grow it. Runbook: ` +
        `runbooks/database.md#storage-near-ceiling`,
      eventPattern: JSON.stringify({
        source: ["aws.rds"],
        "detail-type": ["RDS DB Instance Event"],
        resources: [props.instanceArn],
        detail: { EventID: STORAGE_CEILING_EVENT_IDS },
      }),
    });
    new CloudwatchEventTarget(this, "storage-near-ceiling-target", { rule: ceilingRule.name, arn: props.topicArn });
    this.eventRuleNames.push(ceilingRule.name);
    alarm(
      "connections-high",
      "DatabaseConnections",
      "GreaterThanThreshold",
      Math.floor(props.maxConnections * CONNECTIONS_ALARM_FRACTION),
      `Connections above ${CONNECTIONS_ALARM_FRACTION * 100}% of max_connections (${props.maxConnections}).`,
    );
    alarm("read-latency-high", "ReadLatency", "GreaterThanThreshold", IO_LATENCY_ALARM_SECONDS, "Average read latency above 20 ms.");
    alarm("write-latency-high", "WriteLatency", "GreaterThanThreshold", IO_LATENCY_ALARM_SECONDS, "Average write latency above 20 ms.");
    if (props.replica) {
      alarm(
        "replica-lag-high",
        "ReplicaLag",
        "GreaterThanThreshold",
        REPLICA_LAG_ALARM_SECONDS,
        `Replica more than ${REPLICA_LAG_ALARM_SECONDS} s behind the primary.`,
      );
    }
    if (instanceClass.burstable) {
      alarm(
        "cpu-credits-low",
        "CPUCreditBalance",
        "LessThanThreshold",
        instanceClass.vCpu * CPU_CREDIT_ALARM_MINUTES,
        "CPU credits nearly spent: the instance will be throttled to its baseline.",
      );
    }
  }
}

/** Free-storage alarm threshold in bytes: FREE_STORAGE_ALARM_FRACTION of the initial allocation. */
export function freeStorageAlarmBytes(allocatedStorageGiB: number): number {
  return Math.round(allocatedStorageGiB * BYTES_PER_GIB * FREE_STORAGE_ALARM_FRACTION);
}
