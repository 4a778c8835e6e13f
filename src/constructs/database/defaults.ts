/** Defaults of the database settings, shared by the environment schema and the constructs. */

/** Daily automated-backup window (UTC): a quiet hour for a US-based product. */
export const DEFAULT_DATABASE_BACKUP_WINDOW = "03:00-04:00";
/** Weekly maintenance window (UTC): after the backup window, so a patch never races a backup. */
export const DEFAULT_DATABASE_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
/** Days of Performance Insights history: the free tier. */
export const DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;
/** Minimum length RDS accepts for a backup or maintenance window. */
export const MIN_DATABASE_WINDOW_MINUTES = 30;

/**
 * Who owns the PostgreSQL minor version. `automatic`: the config names the major and RDS upgrades
 * minors in the maintenance window; the AWS provider keeps a major-only `engine_version` when the
 * instance runs any minor of it, so a plan never tries a downgrade. `pinned`: the config names an
 * exact minor and automatic upgrades are off.
 */
export const MINOR_VERSION_UPGRADE_CHOICES = ["automatic", "pinned"] as const;
export type MinorVersionUpgrades = (typeof MINOR_VERSION_UPGRADE_CHOICES)[number];
