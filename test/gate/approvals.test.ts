import { describe, expect, it } from "vitest";
import { parseAllowList } from "../../src/gate/allow-list";
import { unapprovedEntries, type Review } from "../../src/gate/approvals";

const NOW = new Date("2026-06-15T12:00:00Z");
const list = (approver: string, address = "aws_db_instance.main") =>
  parseAllowList(
    `allow:\n  - { environment: prod, stack: prod-core, address: ${address}, reason: "Engine upgrade needs a new instance, ` +
      `snapshot restored (CHG-1)", approver: ${approver}, expires: 2026-06-30 }\n`,
    "gate-allow.yaml",
    NOW,
  );
const review = (login: string, state: string, at: string): Review => ({ user: { login }, state, submitted_at: at });

describe("allow-list approvals", () => {
  it("accepts a new entry whose approver's latest review approves the pull request", () => {
    expect(
      unapprovedEntries(undefined, list("reviewer-1"), [review("Reviewer-1", "APPROVED", "2026-06-15T10:00:00Z")], "author-1"),
    ).toEqual([]);
  });

  it("refuses an approver who has not approved, whose approval was superseded, or who wrote the pull request", () => {
    expect(unapprovedEntries(undefined, list("reviewer-1"), [], "author-1")[0]!.message).toMatch(/has not reviewed it/);
    const superseded = [
      review("reviewer-1", "APPROVED", "2026-06-15T10:00:00Z"),
      review("reviewer-1", "CHANGES_REQUESTED", "2026-06-15T11:00:00Z"),
      review("reviewer-1", "COMMENTED", "2026-06-15T12:00:00Z"),
    ];
    expect(unapprovedEntries(undefined, list("reviewer-1"), superseded, "author-1")[0]!.message).toMatch(/CHANGES_REQUESTED/);
    expect(
      unapprovedEntries(undefined, list("author-1"), [review("author-1", "APPROVED", "2026-06-15T10:00:00Z")], "author-1")[0]!.message,
    ).toMatch(/author/);
  });

  it("checks only entries the pull request adds or changes", () => {
    expect(unapprovedEntries(list("reviewer-1"), list("reviewer-1"), [], "author-1")).toEqual([]);
    expect(unapprovedEntries(list("reviewer-1"), list("reviewer-2"), [], "author-1")).toHaveLength(1);
  });
});
