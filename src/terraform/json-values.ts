/** Reading attribute values of synthesized Terraform JSON (shared by the policy pack and the cost estimate). */

/** Terraform JSON renders a nested block as an object or a one-element list; read either. */
export function block(value: unknown): Record<string, any> | undefined {
  if (Array.isArray(value)) return value[0];
  return value && typeof value === "object" ? (value as Record<string, any>) : undefined;
}

/** Every instance of a nested block, whether rendered as a list or a single object. */
export function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value;
  return value && typeof value === "object" ? [value as Record<string, any>] : [];
}

/** Some provider attributes are strings holding booleans (e.g. ElastiCache at_rest_encryption_enabled). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** True when a value is still an unresolved reference and so cannot be judged literally. */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}
