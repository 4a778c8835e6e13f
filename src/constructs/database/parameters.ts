/**
 * PostgreSQL settings derived from the instance class, in the units RDS expects. The memory
 * budget: a quarter to shared buffers, a quarter to connection backends, a quarter to sort and
 * hash memory (work_mem), the rest to the OS page cache.
 */
import type { DbInstanceClassSpec } from "./instance-classes";

const KIB_PER_GIB = 1024 * 1024;
const MIB_PER_GIB = 1024;
/** shared_buffers and effective_cache_size are counted in 8 KiB pages. */
const PAGE_KIB = 8;

/** Fraction of memory for shared_buffers: the RDS default and the usual starting point. */
export const SHARED_BUFFERS_FRACTION = 0.25;
/** Fraction of memory the planner may assume is cache (shared buffers plus OS page cache). */
export const EFFECTIVE_CACHE_FRACTION = 0.75;
/** Fraction of memory for connection backends, and the memory one backend costs (MiB). */
export const CONNECTIONS_MEMORY_FRACTION = 0.25;
export const BACKEND_MEMORY_MIB = 10;
/** Bounds of max_connections: enough for migrations and admin sessions; RDS's own ceiling. */
export const MIN_MAX_CONNECTIONS = 50;
export const MAX_MAX_CONNECTIONS = 5000;
/** Fraction of memory sort and hash operations may use if every connection runs one at once. */
export const WORK_MEM_FRACTION = 0.25;
/** PostgreSQL's own default work_mem (KiB): never tune below it. */
export const MIN_WORK_MEM_KIB = 4096;
/** maintenance_work_mem: 1/16 of memory (vacuum, index builds), capped at 2 GiB. */
export const MAINTENANCE_WORK_MEM_DIVISOR = 16;
export const MAX_MAINTENANCE_WORK_MEM_KIB = 2 * KIB_PER_GIB;
/** Statements slower than this are logged: half the 1 s P99 latency objective. */
export const SLOW_QUERY_MS = 500;
/** Sessions idle inside a transaction longer than this are ended: they hold locks and block vacuum. */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5 * 60 * 1000;
/** Temporary files larger than this are logged: a sign that work_mem is too small for a query. */
export const LOG_TEMP_FILES_KIB = 10 * 1024;
/** Autovacuum runs longer than this are logged, to spot tables that vacuum struggles with. */
export const LOG_AUTOVACUUM_MIN_MS = 1000;
/** SSD (gp3) random reads cost little more than sequential ones. */
export const RANDOM_PAGE_COST = 1.1;

export interface PostgresTuning {
  /** 8 KiB pages. */
  readonly sharedBuffers: number;
  /** 8 KiB pages. */
  readonly effectiveCacheSize: number;
  readonly maxConnections: number;
  /** KiB. */
  readonly workMem: number;
  /** KiB. */
  readonly maintenanceWorkMem: number;
  readonly maxParallelWorkersPerGather: number;
}

export function postgresTuning(spec: DbInstanceClassSpec): PostgresTuning {
  const memoryKiB = spec.memoryGiB * KIB_PER_GIB;
  const maxConnections = Math.min(
    MAX_MAX_CONNECTIONS,
    Math.max(MIN_MAX_CONNECTIONS, Math.floor((spec.memoryGiB * MIB_PER_GIB * CONNECTIONS_MEMORY_FRACTION) / BACKEND_MEMORY_MIB)),
  );
  return {
    sharedBuffers: Math.floor((memoryKiB * SHARED_BUFFERS_FRACTION) / PAGE_KIB),
    effectiveCacheSize: Math.floor((memoryKiB * EFFECTIVE_CACHE_FRACTION) / PAGE_KIB),
    maxConnections,
    workMem: Math.max(MIN_WORK_MEM_KIB, Math.floor((memoryKiB * WORK_MEM_FRACTION) / maxConnections)),
    maintenanceWorkMem: Math.min(MAX_MAINTENANCE_WORK_MEM_KIB, Math.floor(memoryKiB / MAINTENANCE_WORK_MEM_DIVISOR)),
    maxParallelWorkersPerGather: Math.max(1, Math.floor(spec.vCpu / 2)),
  };
}

export interface PostgresParameter {
  readonly name: string;
  readonly value: string;
  /** Static parameters take effect only after a reboot, which RDS requires saying. */
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** The parameter group's entries: tuning from the class plus TLS, logging and statistics. */
export function postgresParameters(tuning: PostgresTuning): PostgresParameter[] {
  const dynamic = (name: string, value: string | number): PostgresParameter => ({ name, value: String(value), applyMethod: "immediate" });
  const atReboot = (name: string, value: string | number): PostgresParameter => ({
    name,
    value: String(value),
    applyMethod: "pending-reboot",
  });
  return [
    atReboot("shared_buffers", tuning.sharedBuffers),
    atReboot("max_connections", tuning.maxConnections),
    atReboot("shared_preload_libraries", "pg_stat_statements"),
    dynamic("effective_cache_size", tuning.effectiveCacheSize),
    dynamic("work_mem", tuning.workMem),
    dynamic("maintenance_work_mem", tuning.maintenanceWorkMem),
    dynamic("max_parallel_workers_per_gather", tuning.maxParallelWorkersPerGather),
    dynamic("random_page_cost", RANDOM_PAGE_COST),
    dynamic("rds.force_ssl", 1),
    dynamic("log_min_duration_statement", SLOW_QUERY_MS),
    dynamic("log_connections", 1),
    dynamic("log_disconnections", 1),
    dynamic("log_lock_waits", 1),
    dynamic("log_temp_files", LOG_TEMP_FILES_KIB),
    dynamic("log_autovacuum_min_duration", LOG_AUTOVACUUM_MIN_MS),
    dynamic("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_TIMEOUT_MS),
    dynamic("pg_stat_statements.track", "top"),
  ].sort((a, b) => a.name.localeCompare(b.name));
}
