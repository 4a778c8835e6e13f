import { Construct } from "constructs";
import { thresholdAlarm } from "../observability/threshold-alarm";
import type { DbInstanceClassSpec } from "./instance-classes";

const BYTES_PER_GIB = 1024 ** 3;

/** Sustained CPU above this leaves no headroom for a traffic spike or a failover's catch-up. */
export const CPU_ALARM_PERCENT = 80;
/** Freeable memory below this share of the class's RAM means the instance is about to swap. */
export const FREEABLE_MEMORY_ALARM_FRACTION = 0.1;
/**
 * Free storage below this share of the initially allocated storage: storage autoscaling acts at
 * 10 % free, so reaching 5 % means it has hit its ceiling or its cooldown and a human must act.
 */
export const FREE_STORAGE_ALARM_FRACTION = 0.05;
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
  /** Read replicas also alarm on replica lag. */
  readonly replica: boolean;
  readonly topicArn: string;
}

/** CloudWatch alarms of one PostgreSQL instance; thresholds follow from its class and settings. */
export class DatabaseAlarms extends Construct {
  /** Names of the alarms, for runbooks and dashboards. */
  readonly names: string[] = [];

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
      Math.round(props.allocatedStorageGiB * BYTES_PER_GIB * FREE_STORAGE_ALARM_FRACTION),
      "Free storage low although storage autoscaling is on: ceiling or cooldown reached.",
    );
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
      alarm("replica-lag-high", "ReplicaLag", "GreaterThanThreshold", REPLICA_LAG_ALARM_SECONDS, `Replica more than ${REPLICA_LAG_ALARM_SECONDS} s behind the primary.`);
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
