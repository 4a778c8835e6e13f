/**
 * Attributes that protect a resource from deletion or data loss. Switching one off is how a
 * deletion starts (deletion protection must be off before a database can be destroyed), so the
 * gate blocks the switch itself, on any resource type that has the attribute.
 * (`lifecycle.prevent_destroy` never appears in plan JSON; removing it shows up as the delete
 * it allows, which the stateful-delete rule catches.)
 */

export interface Protection {
  /** Top-level attribute name, as in the provider schema. */
  readonly attribute: string;
  /** Path below the attribute for nested blocks, e.g. `[0, "status"]`. @default the attribute itself */
  readonly path?: readonly (string | number)[];
  /** True when the value keeps the protection on. */
  readonly protects: (value: unknown) => boolean;
  /** What switching it off means, for the report. */
  readonly meaning: string;
}

const isTrue = (value: unknown) => value === true;
/** Unset counts as the provider default: off for these "allow destruction" flags. */
const isNotTrue = (value: unknown) => value !== true;
const isPositive = (value: unknown) => typeof value === "number" && value > 0;
/** S3 versioning: once Enabled, only Enabled keeps every object version. */
const isEnabled = (value: unknown) => value === "Enabled";

/** Every protection the gate watches. */
export const PROTECTIONS: readonly Protection[] = [
  { attribute: "deletion_protection", protects: isTrue, meaning: "deletion protection turned off" },
  // DynamoDB tables.
  { attribute: "deletion_protection_enabled", protects: isTrue, meaning: "deletion protection turned off" },
  // Load balancers.
  { attribute: "enable_deletion_protection", protects: isTrue, meaning: "deletion protection turned off" },
  // RDS: destroying without a final snapshot loses the data for good.
  { attribute: "skip_final_snapshot", protects: isNotTrue, meaning: "final snapshot on destroy turned off" },
  { attribute: "backup_retention_period", protects: isPositive, meaning: "automated backups turned off" },
  // ElastiCache.
  { attribute: "snapshot_retention_limit", protects: isPositive, meaning: "automated snapshots turned off" },
  { attribute: "enable_key_rotation", protects: isTrue, meaning: "KMS key rotation turned off" },
  // S3 buckets, ECR repositories, IAM users: destroy would delete their contents too.
  { attribute: "force_destroy", protects: isNotTrue, meaning: "force_destroy turned on (destroy deletes all contents)" },
  // CloudWatch log groups and others: keep the object when Terraform destroys it.
  { attribute: "skip_destroy", protects: isTrue, meaning: "skip_destroy turned off (destroy deletes the object)" },
  // aws_s3_bucket_versioning: Suspended keeps no new versions, so overwrites and deletes lose data.
  { attribute: "versioning_configuration", path: [0, "status"], protects: isEnabled, meaning: "S3 versioning suspended" },
  // aws_secretsmanager_secret: 0 deletes the secret at once, without the recovery window.
  { attribute: "recovery_window_in_days", protects: isPositive, meaning: "secret recovery window removed (deletion is immediate)" },
];

export interface ProtectionChange {
  readonly protection: Protection;
  readonly before: unknown;
  /** The planned value; undefined when it is known only after apply (`unknown` is then true). */
  readonly after: unknown;
  readonly unknown: boolean;
}

/**
 * Protections on in `before` and off (or possibly off: unknown until apply) in `after`.
 * Only attributes present on both sides are compared, so a resource type without an attribute
 * never matches it.
 */
export function protectionsTurnedOff(before: unknown, after: unknown, afterUnknown: unknown): ProtectionChange[] {
  if (!isObject(before) || !isObject(after)) return [];
  const changes: ProtectionChange[] = [];
  for (const protection of PROTECTIONS) {
    const path = [protection.attribute, ...(protection.path ?? [])];
    const was = at(before, path);
    if (was === MISSING || !protection.protects(was)) continue;
    if (unknownAt(afterUnknown, path)) {
      changes.push({ protection, before: was, after: undefined, unknown: true });
      continue;
    }
    const now = at(after, path);
    // A nested block removed entirely (a missing leaf below a present attribute) is off too.
    const gone = now === MISSING && protection.path !== undefined && protection.attribute in after;
    if ((now !== MISSING && !protection.protects(now)) || gone)
      changes.push({ protection, before: was, after: now === MISSING ? null : now, unknown: false });
  }
  return changes;
}

const MISSING = Symbol("missing");

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = value;
  for (const step of path) {
    if (typeof step === "number" ? !Array.isArray(current) || step >= current.length : !isObject(current) || !(step in current))
      return MISSING;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** True when `after_unknown` marks the path, or any block above it, as known only after apply. */
function unknownAt(afterUnknown: unknown, path: readonly (string | number)[]): boolean {
  let current: unknown = afterUnknown;
  for (const step of path) {
    if (current === true) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current === true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
