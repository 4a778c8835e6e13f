import { Construct } from "constructs";
import { thresholdAlarm } from "../observability/threshold-alarm";
import type { CacheNodeTypeSpec } from "./node-types";

/** Engine CPU above this: the single command thread is close to saturation and latency climbs. */
export const ENGINE_CPU_ALARM_PERCENT = 80;
/**
 * Host CPU threshold before dividing by vCPUs. AWS guidance: on nodes with two vCPUs or fewer
 * the engine thread can saturate one core while host CPU shows only 90 % / vCPUs.
 */
export const HOST_CPU_ALARM_PERCENT = 90;
export const SMALL_NODE_MAX_VCPU = 2;
/** Memory used above this: with noeviction, writes (new jobs) fail at 100 %. */
export const MEMORY_ALARM_PERCENT = 80;
/** Any eviction means maxmemory-policy drifted from noeviction and queued jobs may be lost. */
export const EVICTIONS_ALARM_COUNT = 0;
/** Replica lag above this: a failover now would lose that many seconds of queued jobs. */
export const CACHE_REPLICATION_LAG_ALARM_SECONDS = 5;
/** Valkey/Redis maxclients on ElastiCache (fixed); the alarm fires at 80 % of it. */
export const MAX_CLIENTS = 65000;
export const CONNECTIONS_ALARM_FRACTION = 0.8;

export interface CacheAlarmsProps {
  /** Member cluster id, for example `sparki-prod-cache-001`. */
  readonly cacheClusterId: string;
  readonly nodeType: CacheNodeTypeSpec;
  /** Whether the group has replicas (any member may be one after a failover). */
  readonly replicated: boolean;
  readonly topicArn: string;
}

/** CloudWatch alarms of one cache node; thresholds follow from its node type. */
export class CacheAlarms extends Construct {
  readonly names: string[] = [];

  constructor(scope: Construct, id: string, props: CacheAlarmsProps) {
    super(scope, id);
    const alarm = (
      alarmId: string,
      metricName: string,
      statistic: "Average" | "Maximum" | "Sum",
      threshold: number,
      description: string,
      treatMissingData: "missing" | "notBreaching" = "missing",
    ) => {
      const name = `${props.cacheClusterId}-${alarmId}`;
      this.names.push(name);
      thresholdAlarm(this, alarmId, {
        name,
        description,
        namespace: "AWS/ElastiCache",
        metricName,
        dimensions: { CacheClusterId: props.cacheClusterId },
        statistic,
        comparison: "GreaterThanThreshold",
        threshold,
        topicArn: props.topicArn,
        treatMissingData,
      });
    };
    const { vCpu } = props.nodeType;
    const hostCpu = vCpu <= SMALL_NODE_MAX_VCPU ? Math.round(HOST_CPU_ALARM_PERCENT / vCpu) : HOST_CPU_ALARM_PERCENT;
    alarm("cpu-high", "CPUUtilization", "Average", hostCpu, `Host CPU above ${hostCpu}% (${vCpu} vCPUs).`);
    alarm(
      "engine-cpu-high",
      "EngineCPUUtilization",
      "Average",
      ENGINE_CPU_ALARM_PERCENT,
      `Engine thread CPU above ${ENGINE_CPU_ALARM_PERCENT}%.`,
    );
    alarm(
      "memory-high",
      "DatabaseMemoryUsagePercentage",
      "Average",
      MEMORY_ALARM_PERCENT,
      `Memory above ${MEMORY_ALARM_PERCENT}%: at 100% new jobs are refused (noeviction).`,
    );
    alarm("evictions", "Evictions", "Sum", EVICTIONS_ALARM_COUNT, "Keys were evicted: queued jobs may have been lost.", "notBreaching");
    alarm(
      "connections-high",
      "CurrConnections",
      "Maximum",
      Math.floor(MAX_CLIENTS * CONNECTIONS_ALARM_FRACTION),
      `Connections above ${CONNECTIONS_ALARM_FRACTION * 100}% of maxclients (${MAX_CLIENTS}).`,
    );
    if (props.replicated) {
      // Only replicas report the metric, and the primary can move: missing data is normal.
      alarm(
        "replication-lag-high",
        "ReplicationLag",
        "Maximum",
        CACHE_REPLICATION_LAG_ALARM_SECONDS,
        `Replica more than ${CACHE_REPLICATION_LAG_ALARM_SECONDS} s behind.`,
        "notBreaching",
      );
    }
  }
}
