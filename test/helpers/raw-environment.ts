/** Validates an edited copy of an environment file in-process and returns the schema's issues. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { environmentSchema } from "../../src/config/schema";

export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly allowed?: string;
}

export function issuesFor(base: string, edit: (raw: any) => void): Issue[] {
  const raw = parse(readFileSync(`environments/${base}.yaml`, "utf8"));
  edit(raw);
  const result = environmentSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
    allowed: (issue as { params?: { allowed?: string } }).params?.allowed,
  }));
}
