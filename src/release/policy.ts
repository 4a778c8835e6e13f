/** How releases may move traffic in an environment: the `release` section of its file. */
import type { EnvironmentConfig } from "../config/schema";

/** Production's canary steps when its file names none: 10 %, then 50 %, then all traffic. */
export const DEFAULT_PRODUCTION_CANARY_STEPS = [10, 50] as const;
/** Minutes the previous colour stays scaled up after a promotion, ready for a rollback. */
export const DEFAULT_RETIRE_AFTER_MINUTES = 60;

export interface ReleasePolicy {
  /** Percent of traffic on the new colour at each step before 100; empty = straight to 100. */
  readonly canarySteps: readonly number[];
  readonly retireAfterMinutes: number;
}

export function releasePolicy(env: Pick<EnvironmentConfig, "tier" | "release">): ReleasePolicy {
  return {
    canarySteps: env.release.canarySteps ?? (env.tier === "production" ? [...DEFAULT_PRODUCTION_CANARY_STEPS] : []),
    retireAfterMinutes: env.release.retireAfterMinutes ?? DEFAULT_RETIRE_AFTER_MINUTES,
  };
}
