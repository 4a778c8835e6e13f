/**
 * A small IAM policy evaluator for tests: explicit deny wins, then any allow. Supports Action /
 * NotAction, Resource / NotResource, `*` and `?` wildcards and the StringEquals, StringNotEquals, StringLike,
 * ArnEquals, ArnLike, ArnNotEquals, Bool and Null operators — enough to ask "may this principal do X to Y?" of
 * the synthesized policies instead of comparing statement text.
 */
type Statement = Record<string, any>;
export type Decision = "allowed" | "denied" | "implicitly denied";

const list = (v: unknown): string[] => (v === undefined ? [] : ([v].flat() as string[]));
const glob = (pattern: string, value: string, caseInsensitive = false) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    caseInsensitive ? "i" : "",
  ).test(value);

function conditionHolds(condition: Record<string, Record<string, unknown>> | undefined, context: Record<string, string>): boolean {
  return Object.entries(condition ?? {}).every(([operator, pairs]) =>
    Object.entries(pairs).every(([key, expected]) => {
      const actual = context[key];
      const values = list(expected);
      switch (operator) {
        case "StringEquals":
        case "ArnEquals":
          return actual !== undefined && values.includes(actual);
        case "StringNotEquals":
        case "ArnNotEquals":
          return actual === undefined || !values.includes(actual);
        case "StringLike":
        case "ArnLike":
          return actual !== undefined && values.some((v) => glob(v, actual));
        case "Bool":
          return actual !== undefined && values.includes(actual);
        case "Null":
          return (actual === undefined) === (values[0] === "true");
        default:
          throw new Error(`iam-eval: unsupported operator ${operator}`);
      }
    }),
  );
}

function matches(s: Statement, action: string, resource: string, context: Record<string, string>): boolean {
  const actionMatch =
    s.Action !== undefined ? list(s.Action).some((a) => glob(a, action, true)) : !list(s.NotAction).some((a) => glob(a, action, true));
  const resourceMatch =
    s.NotResource !== undefined
      ? !list(s.NotResource).some((r) => glob(r, resource))
      : list(s.Resource ?? "*").some((r) => glob(r, resource));
  return actionMatch && resourceMatch && conditionHolds(s.Condition, context);
}

export function evaluate(statements: Statement[], action: string, resource: string, context: Record<string, string> = {}): Decision {
  const applicable = statements.filter((s) => matches(s, action, resource, context));
  if (applicable.some((s) => s.Effect === "Deny")) return "denied";
  return applicable.some((s) => s.Effect === "Allow") ? "allowed" : "implicitly denied";
}
