/**
 * Checks Helm values against what a chart declares, before any Terraform is written. Most
 * charts ignore unknown keys silently, so a typo is otherwise a silent misconfiguration.
 *
 * - With a `values.schema.json` the values are checked against it (type, enum, properties,
 *   items, anyOf/oneOf). An object schema that lists `properties` is treated as closed unless it
 *   says `additionalProperties` (stricter than JSON Schema, to catch typos); one that lists
 *   none is free-form.
 * - Otherwise against `values.yaml`: every key path must exist there; where the default is
 *   non-null the type must match. A key whose default is `{}` (podAnnotations, nodeSelector, …)
 *   is a free-form map; arrays are not looked into.
 * - `openPaths` declares further free-form maps: dotted paths, `*` matches one key.
 */
import { closest } from "../../problems";
import { isPlainObject } from "./values";

export interface ValuesProblem {
  /** Dotted key path, for example `controller.replicaCount`. */
  readonly path: string;
  readonly message: string;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value; // string, boolean, object
}

function typeMatches(value: unknown, expected: string): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === "number" && actual === "integer");
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isOpen(path: string, openPaths: readonly string[]): boolean {
  const segments = path.split(".");
  return openPaths.some((open) => {
    const pattern = open.split(".");
    return pattern.length <= segments.length && pattern.every((p, i) => p === "*" || p === segments[i]);
  });
}

function unknownKey(path: string, key: string, known: readonly string[], source: string): ValuesProblem {
  const hint = closest(key, known);
  return {
    path: join(path, key),
    message: `unknown key: the chart's ${source} has no such key${hint ? ` (did you mean ${join(path, hint)}?)` : ""}`,
  };
}

/** Checks `values` against a chart's values.yaml defaults. */
export function checkAgainstDefaults(values: unknown, defaults: unknown, openPaths: readonly string[] = [], path = ""): ValuesProblem[] {
  if (path && isOpen(path, openPaths)) return [];
  if (defaults === null || defaults === undefined) return [];
  if (isPlainObject(defaults)) {
    if (!isPlainObject(values))
      return [{ path: path || "(root)", message: `expected a map (the chart's default is a map), got ${typeOf(values)}` }];
    if (Object.keys(defaults).length === 0) return []; // `{}` default: a free-form map
    return Object.entries(values).flatMap(([key, value]) =>
      key in defaults
        ? checkAgainstDefaults(value, defaults[key], openPaths, join(path, key))
        : isOpen(join(path, key), openPaths)
          ? []
          : [unknownKey(path, key, Object.keys(defaults), "values.yaml")],
    );
  }
  const expected = typeOf(defaults);
  const actual = typeOf(values);
  const same = actual === expected || (expected === "number" && actual === "integer") || (expected === "integer" && actual === "number");
  return same
    ? []
    : [
        {
          path,
          message:
            `wrong type: the chart's default is ${expected === "integer" ? "a number" : `a ${expected}`} ` +
            `(${JSON.stringify(defaults)}), got ${actual} ${JSON.stringify(values)}`,
        },
      ];
}

/** Checks `values` against a chart's values.schema.json. */
export function checkAgainstSchema(values: unknown, schema: JsonSchema, openPaths: readonly string[] = [], path = ""): ValuesProblem[] {
  if (path && isOpen(path, openPaths)) return [];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const results = alternatives.map((s) => checkAgainstSchema(values, s, openPaths, path));
    if (results.some((r) => r.length === 0)) return [];
    return results[0];
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(values, t))) {
      return [
        {
          path: path || "(root)",
          message:
            `wrong type: the chart's values.schema.json allows ${types.join(" or ")}, ` + `got ${typeOf(values)} ${JSON.stringify(values)}`,
        },
      ];
    }
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === values)) {
    return [
      { path, message: `not allowed: the chart's values.schema.json allows ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` },
    ];
  }
  if (isPlainObject(values) && schema.properties) {
    const properties = schema.properties;
    const extra = schema.additionalProperties;
    return Object.entries(values).flatMap(([key, value]) => {
      if (key in properties) return checkAgainstSchema(value, properties[key], openPaths, join(path, key));
      if (isOpen(join(path, key), openPaths) || extra === true) return [];
      if (isPlainObject(extra)) return checkAgainstSchema(value, extra, openPaths, join(path, key));
      return [unknownKey(path, key, Object.keys(properties), "values.schema.json")];
    });
  }
  if (Array.isArray(values) && schema.items) {
    return values.flatMap((item, i) => checkAgainstSchema(item, schema.items!, openPaths, join(path, String(i))));
  }
  return [];
}
