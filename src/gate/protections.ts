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
  /** True when the value keeps the protection on. */
  readonly protects: (value: unknown) => boolean;
  /** What switching it off means, for the report. */
  readonly meaning: string;
}

const isTrue = (value: unknown) => value === true;
/** Unset counts as the provider default: off for these "allow destruction" flags. */
const isNotTrue = (value: unknown) => value !== true;
const isPositive = (value: unknown) => typeof value === "number" && value > 0;

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
  const unknowns = isObject(afterUnknown) ? afterUnknown : {};
  const changes: ProtectionChange[] = [];
  for (const protection of PROTECTIONS) {
    const { attribute } = protection;
    if (!(attribute in before) || !protection.protects(before[attribute])) continue;
    if (unknowns[attribute] === true) {
      changes.push({ protection, before: before[attribute], after: undefined, unknown: true });
    } else if (attribute in after && !protection.protects(after[attribute])) {
      changes.push({ protection, before: before[attribute], after: after[attribute], unknown: false });
    }
  }
  return changes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
