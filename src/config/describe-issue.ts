/** Turns a zod issue into a problem a person can act on: what is wrong, what is allowed, the fix. */
import type { z } from "zod";
import { closest, formatPath, formatValue } from "../problems";

export interface IssueText {
  readonly path: (string | number)[];
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

type Issue = z.core.$ZodIssue;

/**
 * @param issue the zod issue
 * @param input the value at the issue's path, read from the parsed YAML
 * @param knownKeys the keys the schema allows at the issue's path (for unknown-key problems)
 */
export function describeIssue(
  issue: Issue,
  input: unknown,
  knownKeys: (path: PropertyKey[]) => string[],
  example = "environments/dev.yaml",
): IssueText[] {
  const path = issue.path.map((k) => (typeof k === "symbol" ? String(k) : k));
  const field = formatPath(path) || "the file";
  if (input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
    const allowed = issue.code === "invalid_value" ? issue.values.map((v) => formatValue(v)).join(", ") : `a ${issue.expected}`;
    return [{ path, message: "required field is missing", allowed, fix: `add ${field} (see ${example} for an example)` }];
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = knownKeys(issue.path);
      return issue.keys.map((key) => {
        const guess = closest(key, allowed);
        return {
          path: [...path, key],
          message: "unknown key (unknown keys are errors, not ignored)",
          allowed: `keys here: ${allowed.join(", ")}`,
          fix: guess ? `did you mean '${guess}'? rename the key` : `remove '${key}' or move it to where it belongs`,
        };
      });
    }
    case "invalid_type":
      return [
        {
          path,
          message: `expected ${issue.expected}, got ${typeName(input)}`,
          allowed: `a ${issue.expected}`,
          fix: `change ${field} to a ${issue.expected}${issue.expected === "string" ? " (quote it in YAML)" : ""}`,
        },
      ];
    case "invalid_value": {
      const values = issue.values.map((v) => formatValue(v));
      const guess = typeof input === "string" ? closest(input, issue.values.map(String)) : undefined;
      return [
        {
          path,
          message: "value is not one of the allowed choices",
          allowed: values.join(", "),
          fix: guess ? `did you mean ${formatValue(guess)}?` : `set ${field} to one of the allowed values`,
        },
      ];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const bigger = issue.code === "too_small";
      const inclusive = issue.inclusive !== false;
      const unit = issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : "";
      const relation = bigger ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
      return [
        {
          path,
          message: `${bigger ? "too small" : "too large"}`,
          allowed: `${relation} ${String(bound)}${unit}`,
          fix: `set ${field} to ${relation} ${String(bound)}${unit}`,
        },
      ];
    }
    case "invalid_format": {
      return [{ path, message: "does not have the expected format", allowed: issue.message, fix: `write ${field} as ${issue.message}` }];
    }
    case "not_multiple_of":
      return [
        {
          path,
          message: `not a multiple of ${String(issue.divisor)}`,
          allowed: `multiples of ${String(issue.divisor)}`,
          fix: `round ${field}`,
        },
      ];
    case "custom": {
      const params = (issue.params ?? {}) as { allowed?: string; fix?: string };
      return [{ path, message: issue.message, allowed: params.allowed ?? "see the schema", fix: params.fix ?? `change ${field}` }];
    }
    default:
      return [{ path, message: issue.message, allowed: "see environments/schema.json", fix: `change ${field}` }];
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${formatValue(value)}`;
}
