/** Terraform's action lists, reduced to the kinds a reviewer reads in a summary. */

/** Summary columns, in the order the report prints them. */
export const ACTION_KINDS = ["create", "update", "replace", "delete", "forget", "no-op", "read"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * The kind of a change's `actions`, or undefined for a list this gate does not know (a newer
 * Terraform); callers treat that as an input error rather than guess.
 */
export function actionKind(actions: readonly string[]): ActionKind | undefined {
  // "forget" may come alone or, for a replacement whose old object is kept, with "create".
  if (actions.includes("forget")) return "forget";
  if (actions.length === 2 && actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.length !== 1) return undefined;
  return SINGLE_ACTIONS.get(actions[0]!);
}

/** Actions that appear alone in an `actions` list. */
const SINGLE_ACTIONS: ReadonlyMap<string, ActionKind> = new Map(
  ["create", "update", "delete", "no-op", "read"].map((a) => [a, a as ActionKind]),
);

/** Which object exists in between, for replacements: said in findings because it decides downtime. */
export function replacementOrder(actions: readonly string[]): "destroy before create" | "create before destroy" | undefined {
  if (actions[0] === "delete" && actions[1] === "create") return "destroy before create";
  if (actions[0] === "create" && actions[1] === "delete") return "create before destroy";
  return undefined;
}
