/** Defaults of the cache settings, shared by the environment schema and the constructs. */

/** Daily snapshot window (UTC): before the database's backup hour so the two never compete. */
export const DEFAULT_CACHE_SNAPSHOT_WINDOW = "01:00-02:00";
/** Weekly maintenance window (UTC): after the database's, so one failover happens at a time. */
export const DEFAULT_CACHE_MAINTENANCE_WINDOW = "sun:07:00-sun:08:00";
/** Minimum length ElastiCache accepts for a maintenance window. */
export const MIN_CACHE_MAINTENANCE_WINDOW_MINUTES = 60;
