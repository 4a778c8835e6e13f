/**
 * RDS instance classes the parameter tuning and alarm thresholds understand: memory and vCPUs
 * (source: Amazon RDS DB instance class specifications, checked 2026-11). A class missing here is
 * a configuration error, because every memory-derived parameter would otherwise be a guess.
 * Add a class here (and only here) to allow it.
 */
import type { PreconditionProblem } from "../validation";

export interface DbInstanceClassSpec {
  readonly memoryGiB: number;
  readonly vCpu: number;
  /** Burstable (t-family) classes run on CPU credits, which get their own alarm. */
  readonly burstable: boolean;
  /** Performance Insights is unavailable on the smallest classes (micro, small). */
  readonly performanceInsights: boolean;
}

const burstable = (memoryGiB: number, vCpu: number): DbInstanceClassSpec => ({
  memoryGiB,
  vCpu,
  burstable: true,
  performanceInsights: memoryGiB >= 4,
});
const fixed = (memoryGiB: number, vCpu: number): DbInstanceClassSpec => ({ memoryGiB, vCpu, burstable: false, performanceInsights: true });

export const DB_INSTANCE_CLASSES: Readonly<Record<string, DbInstanceClassSpec>> = {
  "db.t4g.micro": burstable(1, 2),
  "db.t4g.small": burstable(2, 2),
  "db.t4g.medium": burstable(4, 2),
  "db.t4g.large": burstable(8, 2),
  "db.t4g.xlarge": burstable(16, 4),
  "db.t4g.2xlarge": burstable(32, 8),
  "db.m7g.large": fixed(8, 2),
  "db.m7g.xlarge": fixed(16, 4),
  "db.m7g.2xlarge": fixed(32, 8),
  "db.m7g.4xlarge": fixed(64, 16),
  "db.m6g.large": fixed(8, 2),
  "db.m6g.xlarge": fixed(16, 4),
  "db.m6g.2xlarge": fixed(32, 8),
  "db.r7g.large": fixed(16, 2),
  "db.r7g.xlarge": fixed(32, 4),
  "db.r7g.2xlarge": fixed(64, 8),
  "db.r7g.4xlarge": fixed(128, 16),
  "db.r6g.large": fixed(16, 2),
  "db.r6g.xlarge": fixed(32, 4),
  "db.r6g.2xlarge": fixed(64, 8),
  "db.r6g.4xlarge": fixed(128, 16),
};

export const KNOWN_DB_INSTANCE_CLASSES = Object.keys(DB_INSTANCE_CLASSES);

/** Memory and vCPUs drive the tuning and the alarms, so the class must be one listed here. */
export function dbInstanceClassProblem(instanceClass: string): PreconditionProblem | undefined {
  if (DB_INSTANCE_CLASSES[instanceClass]) return undefined;
  return {
    prop: "instanceClass",
    value: instanceClass,
    message: "instance class unknown to the parameter tuning (memory and vCPUs drive shared_buffers, max_connections and alarm thresholds)",
    allowed: KNOWN_DB_INSTANCE_CLASSES.join(", "),
    fix: "pick a listed class, or add the class with its memory and vCPUs to src/constructs/database/instance-classes.ts",
  };
}

/** The class's specification. Callers check dbInstanceClassProblem first, so an unknown class here is a bug. */
export function dbInstanceClassSpec(instanceClass: string): DbInstanceClassSpec {
  const spec = DB_INSTANCE_CLASSES[instanceClass];
  if (!spec) throw new Error(`unknown RDS instance class ${instanceClass}; known: ${KNOWN_DB_INSTANCE_CLASSES.join(", ")}`);
  return spec;
}
