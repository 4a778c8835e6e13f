/**
 * Helm values as plain data: deep merge (objects merged, arrays and scalars replaced) and a
 * deterministic YAML rendering (keys sorted at every level), so the same inputs always give
 * byte-identical `values` in the synthesized Terraform.
 */
import { dump } from "js-yaml";

export type HelmValue = string | number | boolean | null | HelmValue[] | HelmValues;
export interface HelmValues {
  [key: string]: HelmValue;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Merges `overrides` into `base` without modifying either: nested objects merge key by key;
 * arrays, scalars and null in `overrides` replace what `base` had. `undefined` is ignored.
 */
export function deepMerge<T extends Record<string, unknown>>(base: T, ...overrides: readonly (Record<string, unknown> | undefined)[]): T {
  let result: Record<string, unknown> = base;
  for (const override of overrides) {
    if (!override) continue;
    const merged: Record<string, unknown> = { ...result };
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) continue;
      merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? deepMerge(merged[key] as Record<string, unknown>, value) : value;
    }
    result = merged;
  }
  return result as T;
}

/** A copy with object keys sorted at every depth (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => value[key] !== undefined)
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}

/**
 * YAML as Helm and Kubernetes read it: sorted keys, no line folding, no anchors, and quotes on
 * every string a YAML 1.1 parser would take for something else. Helm parses YAML 1.1 (through
 * sigs.k8s.io/yaml), where a plain `on`, `yes`, `y` or `1_000` is a boolean or a number, not the
 * string it was written as; js-yaml's dump quotes those, as well as what YAML 1.2 needs quoted.
 */
export function renderYaml(value: unknown): string {
  return dump(sortKeys(value), { lineWidth: -1, noRefs: true, quoteStyle: "double" });
}

/** YAML for Helm's `values` (see renderYaml). */
export function renderValues(values: Record<string, unknown>): string {
  return renderYaml(values);
}
