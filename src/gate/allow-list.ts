/**
 * The allow-list: reviewed, expiring exceptions, each naming exactly one resource address.
 *
 * ```yaml
 * allow:
 *   - address: module.core.aws_db_instance.main
 *     reason: Engine major upgrade needs a new instance; final snapshot taken (CHG-1234)
 *     expires: 2026-12-31
 * ```
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { positionOf, valueAt } from "../config/yaml-paths";
import { GateInputError, type InputProblem } from "./errors";

export interface AllowEntry {
  readonly address: string;
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
/** No wildcards or whitespace: an entry names one address exactly as the plan prints it. */
const ADDRESS = /^[^\s*?]+\.[^\s*?]+$/;

const entrySchema = z.strictObject({
  address: z.string().regex(ADDRESS),
  reason: z.string().trim().min(1),
  expires: z.string().regex(ISO_DATE).refine(isCalendarDate),
});
const fileSchema = z.strictObject({ allow: z.array(entrySchema) });

/** What each field accepts and how to fix it, for error messages. */
const FIELD_HELP: Record<string, { allowed: string; fix: string }> = {
  address: {
    allowed: "one resource address exactly as the plan shows it, e.g. module.core.aws_db_instance.main (no wildcards)",
    fix: "copy the address from the gate report",
  },
  reason: {
    allowed: "a non-empty sentence: why the change is safe and where it was approved",
    fix: "add reason: <why this replacement or deletion is safe, with a ticket>",
  },
  expires: {
    allowed: "an ISO date YYYY-MM-DD (the last day the entry applies, UTC)",
    fix: "set expires: to a real date shortly after the planned change, e.g. 2026-12-31",
  },
  allow: { allowed: "a list of entries with address, reason and expires", fix: "write allow: followed by '- address: …' entries" },
};

export function loadAllowList(file: string): AllowList {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new GateInputError([{ file, field: "", value: undefined, message: `cannot read the allow-list: ${(error as Error).message}`, allowed: "a readable YAML file", fix: "check the --allow path" }]);
  }
  return parseAllowList(text, file);
}

export function parseAllowList(text: string, file: string): AllowList {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new GateInputError(
      doc.errors.map((error) => ({ file, line: lineCounter.linePos(error.pos[0]).line, field: "", value: undefined, message: `YAML syntax: ${error.message.split("\n")[0]}`, allowed: "well-formed YAML", fix: "correct the syntax at the line shown" })),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    throw new GateInputError(parsed.error.issues.flatMap((issue) => describe(issue, data, doc, lineCounter, file)));
  }
  const entries = parsed.data.allow.map((entry, i) => ({ ...entry, reason: entry.reason.trim(), index: i + 1 }));
  const duplicates = entries.filter((entry, i) => entries.findIndex((e) => e.address === entry.address) !== i);
  if (duplicates.length > 0) {
    throw new GateInputError(
      duplicates.map((entry) => ({
        file,
        line: positionOf(doc, lineCounter, ["allow", entry.index - 1, "address"]).line,
        field: `allow[${entry.index - 1}].address`,
        value: entry.address,
        message: `entry ${entry.index} repeats an address listed earlier`,
        allowed: "each address at most once",
        fix: "merge the entries into one, with one reason and one expiry",
      })),
    );
  }
  return { file, entries };
}

/** The entry for `address` that is in force on `today` (`YYYY-MM-DD`, UTC), if any. */
export function activeEntry(list: AllowList | undefined, address: string, today: string): AllowEntry | undefined {
  return list?.entries.find((e) => e.address === address && !isExpired(e, today));
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

function describe(issue: z.core.$ZodIssue, data: unknown, doc: Document, lineCounter: LineCounter, file: string): InputProblem[] {
  const path = issue.path.map((k) => (typeof k === "symbol" ? String(k) : k));
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      file,
      line: positionOf(doc, lineCounter, [...path, key]).line,
      field: fieldName([...path, key]),
      value: valueAt(data, [...path, key]),
      message: "unknown key",
      allowed: path.length === 0 ? "allow" : "address, reason, expires",
      fix: `remove '${key}'${path.length === 0 ? " and list entries under allow:" : ""}`,
    }));
  }
  const value = valueAt(data, path);
  const last = path.filter((k) => typeof k === "string").at(-1);
  const help = FIELD_HELP[String(last ?? "allow")] ?? { allowed: "see src/gate/README.md", fix: "correct the field" };
  let message: string;
  if (path.length === 0) message = "the file must be a mapping with an allow: list";
  else if (value === undefined) message = "required field is missing";
  else if (issue.code === "invalid_type") message = `expected ${issue.expected}, got ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}`;
  else if (last === "reason") message = "reason is empty";
  else if (last === "expires") message = "not an ISO calendar date";
  else if (last === "address") message = "not a single resource address";
  else message = issue.message;
  const entry = typeof path[1] === "number" ? ` (entry ${path[1] + 1})` : "";
  return [{ file, line: positionOf(doc, lineCounter, path).line, field: fieldName(path), value, message: `${message}${entry}`, allowed: help.allowed, fix: help.fix }];
}

function fieldName(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

