/** Defaults of the resilience settings, shared by the environment schema and the constructs. */

/**
 * Minutes a full restore of the database may take before service is back (recovery time
 * objective): the DR drill reports the measured restore against it. An hour covers a restore of
 * tens of GiB from a snapshot plus the switch-over; a Multi-AZ failover is expected in minutes.
 */
export const DEFAULT_RECOVERY_TIME_OBJECTIVE_MINUTES = 60;

export const DEFAULT_RESILIENCE_SETTINGS = {
  recoveryTimeObjectiveMinutes: DEFAULT_RECOVERY_TIME_OBJECTIVE_MINUTES,
} as const;

/**
 * Whether an environment gets fault-injection experiments when its file does not say: a
 * development-tier environment rehearses failures; production only when its file turns them on.
 */
export function defaultExperiments(tier: "development" | "production"): boolean {
  return tier !== "production";
}

/** The effective switch: the file's `resilience.experiments`, or the tier's default. */
export function experimentsEnabled(env: {
  readonly tier: "development" | "production";
  readonly resilience: { readonly experiments?: boolean };
}): boolean {
  return env.resilience.experiments ?? defaultExperiments(env.tier);
}
