/**
 * The allow-list: reviewed, expiring exceptions, each naming exactly one resource of one stack of
 * one environment, the reason, and the person who approved the pull request that added it.
 *
 * ```yaml
 * allow:
 *   - environment: prod
 *     stack: prod-core
 *     address: aws_db_instance.database_primary_D3810515
 *     reason: Engine major upgrade needs a new instance; final snapshot taken and restored (CHG-1234)
 *     approver: octocat
 *     expires: 2026-12-31
 * ```
 *
 * The file lives in the repository (under CODEOWNERS), so the entry that let a pull request's plan
 * through is the entry the deploy reads: the same decision from review to apply.
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import * as z from "zod";
import { positionOf, valueAt } from "../config/yaml-paths";
import { closest, formatPath, type Problem } from "../problems";
import { GateInputError } from "./errors";

export interface AllowEntry {
  readonly environment: string;
  readonly stack: string;
  readonly address: string;
  /** GitHub login of a reviewer who approved the pull request adding the entry (checked in CI). */
  readonly approver: string;
  readonly reason: string;
  /** Last day (UTC, `YYYY-MM-DD`) the entry applies; it is ignored from the next day on. */
  readonly expires: string;
  /** 1-based position in the file, for the report. */
  readonly index: number;
}

export interface AllowList {
  readonly file: string;
  readonly entries: readonly AllowEntry[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An entry lasts at most this long: exceptions are for a planned change, not a standing waiver. */
export const MAX_ENTRY_DAYS = 30;
/** A reason of substance: what changes, why it is safe, where it was agreed. */
export const MIN_REASON_LENGTH = 30;
export const MIN_REASON_WORDS = 5;
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;
/** No wildcards or whitespace: an entry names one address exactly as the plan prints it. */
const ADDRESS = /^[^\s*?]+\.[^\s*?]+$/;

const entrySchema = z.strictObject({
  environment: z.string().regex(NAME),
  stack: z.string().regex(NAME),
  address: z.string().regex(ADDRESS),
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH)
    .refine((r) => r.split(/\s+/).length >= MIN_REASON_WORDS),
  approver: z.string().regex(GITHUB_LOGIN),
  expires: z.string().regex(ISO_DATE).refine(isCalendarDate),
});
const fileSchema = z.strictObject({ allow: z.array(entrySchema) });
const ENTRY_FIELDS = Object.keys(entrySchema.shape);

/** What each field accepts and how to fix it, for error messages. */
const FIELD_HELP: Record<string, { allowed: string; fix: string }> = {
  environment: {
    allowed: "the environment's name, as in environments/<name>.yaml",
    fix: "set environment: to the environment whose plan shows the finding",
  },
  stack: {
    allowed: "the stack's name, <environment>-<component> (or bootstrap-<account>), as the gate report shows it",
    fix: "copy the stack name from the gate report",
  },
  approver: {
    allowed: "the GitHub login of a reviewer who approves the pull request (not its author)",
    fix: "set approver: to the reviewer's login; CI checks their approval",
  },
  address: {
    allowed: "one resource address exactly as the plan shows it, e.g. module.core.aws_db_instance.main (no wildcards)",
    fix: "copy the address from the gate report",
  },
  reason: {
    allowed: `at least ${MIN_REASON_LENGTH} characters and ${MIN_REASON_WORDS} words: what changes, why it is safe, where it was agreed`,
    fix: "add reason: <why this replacement or deletion is safe, with a ticket>",
  },
  expires: {
    allowed: `an ISO date YYYY-MM-DD (the last day the entry applies, UTC), at most ${MAX_ENTRY_DAYS} days after today`,
    fix: "set expires: to a real date shortly after the planned change",
  },
  allow: {
    allowed: "a list of entries with environment, stack, address, reason, approver and expires",
    fix: "write allow: followed by '- environment: …' entries",
  },
};

export function loadAllowList(file: string, now: Date = new Date()): AllowList {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new GateInputError([
      {
        file,
        path: "",
        value: undefined,
        message: `cannot read the allow-list: ${(error as Error).message}`,
        allowed: "a readable YAML file",
        fix: "check the --allow path",
      },
    ]);
  }
  return parseAllowList(text, file, now);
}

export function parseAllowList(text: string, file: string, now: Date = new Date()): AllowList {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new GateInputError(
      doc.errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        path: "",
        value: undefined,
        message: `YAML syntax: ${error.message.split("\n")[0]}`,
        allowed: "well-formed YAML",
        fix: "correct the syntax at the line shown",
      })),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    throw new GateInputError(parsed.error.issues.flatMap((issue) => describe(issue, data, doc, lineCounter, file)));
  }
  const entries = parsed.data.allow.map((entry, i) => ({ ...entry, reason: entry.reason.trim(), index: i + 1 }));
  const problem = (entry: AllowEntry, field: keyof AllowEntry, message: string, allowed: string, fix: string) => ({
    file,
    line: positionOf(doc, lineCounter, ["allow", entry.index - 1, field]).line,
    path: `allow[${entry.index - 1}].${field}`,
    value: entry[field],
    message: `${message} (entry ${entry.index})`,
    allowed,
    fix,
  });
  const horizon = utcDay(new Date(now.getTime() + MAX_ENTRY_DAYS * 86_400_000));
  const rules = [
    ...entries
      .filter((e) => e.expires > horizon)
      .map((e) =>
        problem(
          e,
          "expires",
          `more than ${MAX_ENTRY_DAYS} days out (latest allowed: ${horizon})`,
          FIELD_HELP.expires!.allowed,
          `set expires: to ${horizon} or earlier; renew it with a new review if the change takes longer`,
        ),
      ),
    ...entries
      .filter((e) => !e.stack.startsWith(`${e.environment}-`) && !e.stack.startsWith("bootstrap-"))
      .map((e) =>
        problem(
          e,
          "stack",
          `not a stack of environment ${e.environment}`,
          FIELD_HELP.stack!.allowed,
          `use a stack named ${e.environment}-<component>`,
        ),
      ),
  ];
  if (rules.length > 0) throw new GateInputError(rules);
  const key = (e: AllowEntry) => `${e.environment}\u0000${e.stack}\u0000${e.address}`;
  const duplicates = entries.filter((entry, i) => entries.findIndex((e) => key(e) === key(entry)) !== i);
  if (duplicates.length > 0) {
    throw new GateInputError(
      duplicates.map((entry) => ({
        file,
        line: positionOf(doc, lineCounter, ["allow", entry.index - 1, "address"]).line,
        path: `allow[${entry.index - 1}].address`,
        value: entry.address,
        message: `entry ${entry.index} repeats an environment, stack and address listed earlier`,
        allowed: "each resource of each stack at most once",
        fix: "merge the entries into one, with one reason and one expiry",
      })),
    );
  }
  return { file, entries };
}

/** Which resource a finding is about: entries match all three exactly. */
export interface ResourceKey {
  readonly environment?: string;
  readonly stack?: string;
  readonly address: string;
}

/** The entry for this resource that is in force on `today` (`YYYY-MM-DD`, UTC), if any. */
export function activeEntry(list: AllowList | undefined, key: ResourceKey, today: string): AllowEntry | undefined {
  return list?.entries.find(
    (e) => e.environment === key.environment && e.stack === key.stack && e.address === key.address && !isExpired(e, today),
  );
}

export function isExpired(entry: AllowEntry, today: string): boolean {
  // ISO dates compare correctly as strings.
  return entry.expires < today;
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function describe(issue: z.core.$ZodIssue, data: unknown, doc: Document, lineCounter: LineCounter, file: string): Problem[] {
  const path = issue.path.map((k) => (typeof k === "symbol" ? String(k) : k));
  if (issue.code === "unrecognized_keys") {
    const known = path.length === 0 ? ["allow"] : ENTRY_FIELDS;
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      return {
        file,
        line: positionOf(doc, lineCounter, [...path, key]).line,
        path: formatPath([...path, key]),
        value: valueAt(data, [...path, key]),
        message: "unknown key",
        allowed: known.join(", "),
        fix: guess
          ? `did you mean '${guess}'? rename the key`
          : `remove '${key}'${path.length === 0 ? " and list entries under allow:" : ""}`,
      };
    });
  }
  const value = valueAt(data, path);
  const last = path.filter((k) => typeof k === "string").at(-1);
  const help = FIELD_HELP[String(last ?? "allow")] ?? { allowed: "see src/gate/README.md", fix: "correct the field" };
  let message: string;
  if (path.length === 0) message = "the file must be a mapping with an allow: list";
  else if (value === undefined) message = "required field is missing";
  else if (issue.code === "invalid_type")
    message = `expected ${issue.expected}, got ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}`;
  else if (last === "reason") message = "reason too short: say what changes, why it is safe and where it was agreed";
  else if (last === "approver") message = "not a GitHub login";
  else if (last === "environment" || last === "stack") message = "not a lower-case name";
  else if (last === "expires") message = "not an ISO calendar date";
  else if (last === "address") message = "not a single resource address";
  else message = issue.message;
  const entry = typeof path[1] === "number" ? ` (entry ${path[1] + 1})` : "";
  return [
    {
      file,
      line: positionOf(doc, lineCounter, path).line,
      path: formatPath(path),
      value,
      message: `${message}${entry}`,
      allowed: help.allowed,
      fix: help.fix,
    },
  ];
}
