/**
 * Every allow-list entry a pull request adds or changes names an approver; this checks that the
 * approver approved that pull request and is not its author. CI runs it on every push and review
 * (`.github/workflows/allow-list.yml`), as a required check.
 */
import type { AllowEntry, AllowList } from "./allow-list";

/** A pull request review as GitHub's REST API lists it. */
export interface Review {
  readonly user: { readonly login: string } | null;
  readonly state: string;
  readonly submitted_at?: string;
}

export interface ApprovalProblem {
  readonly entry: AllowEntry;
  readonly message: string;
}

const sameEntry = (a: AllowEntry, b: AllowEntry) =>
  a.environment === b.environment &&
  a.stack === b.stack &&
  a.address === b.address &&
  a.reason === b.reason &&
  a.approver === b.approver &&
  a.expires === b.expires;

/** The latest deciding review per reviewer (comments decide nothing). */
export function latestDecisions(reviews: readonly Review[]): Map<string, string> {
  const decisions = new Map<string, string>();
  const ordered = [...reviews].sort((a, b) => (a.submitted_at ?? "").localeCompare(b.submitted_at ?? ""));
  for (const r of ordered)
    if (r.user && r.state !== "COMMENTED" && r.state !== "PENDING") decisions.set(r.user.login.toLowerCase(), r.state);
  return decisions;
}

export function unapprovedEntries(
  base: AllowList | undefined,
  head: AllowList,
  reviews: readonly Review[],
  author: string,
): ApprovalProblem[] {
  const decisions = latestDecisions(reviews);
  const added = head.entries.filter((e) => !(base?.entries ?? []).some((b) => sameEntry(b, e)));
  return added.flatMap((entry) => {
    const approver = entry.approver.toLowerCase();
    if (approver === author.toLowerCase()) return [{ entry, message: `the approver @${entry.approver} is the pull request's author` }];
    const state = decisions.get(approver);
    if (state !== "APPROVED")
      return [
        {
          entry,
          message:
            `@${entry.approver} has ${state ? `reviewed it as ${state}` : "not reviewed it"}; the approver must approve this pull ` +
            `request`,
        },
      ];
    return [];
  });
}
