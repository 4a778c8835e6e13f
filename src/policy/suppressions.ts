/**
 * Suppressions live in code next to the resource they excuse, with the rule id and a reason:
 *   suppressPolicy(bucket, "SPK-ENC-S3", "Public website assets; encryption adds nothing")
 * A suppression on a construct covers every resource beneath it.
 */
import type { IConstruct } from "constructs";

const METADATA_TYPE = "sparki:policy-suppression";
/** A reason must say something; "n/a" or "ok" does not. */
export const MIN_REASON_LENGTH = 15;

interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

export function suppressPolicy(scope: IConstruct, rule: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `Suppression of ${rule} on ${scope.node.path} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the ` +
        `rule does not apply.`,
    );
  }
  scope.node.addMetadata(METADATA_TYPE, { rule, reason } satisfies Suppression, { stackTrace: false });
}

/** The reason `rule` is suppressed for this construct or one of its ancestors, if it is. */
export function suppressionReason(construct: IConstruct, rule: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type === METADATA_TYPE && (entry.data as Suppression).rule === rule) return (entry.data as Suppression).reason;
    }
  }
  return undefined;
}
