/**
 * Reads one YAML file and validates it against a zod schema, turning every syntax error and
 * schema issue into a Problem with file:line, field path, value, what is allowed and the
 * fix. Shared by the environment files and the release files.
 *
 * A file is read with js-yaml first, several times faster than building the `yaml` package's
 * document; the document (with the positions problems need) is built only when that read or
 * the schema fails, or when a later rule asks where a field is. Both read YAML 1.2's core
 * schema and refuse duplicate keys; test/config/yaml-file.test.ts keeps them agreeing.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { describeIssue } from "./describe-issue";
import { formatPath, type Problem } from "../problems";
import { positionOf, valueAt } from "./yaml-paths";
import { isEmptyYaml, syntaxProblems } from "./yaml-syntax";

/** Where a field is in the file: 1-based line and column, for problems found after parsing. */
export type FieldLocator = (path: readonly PropertyKey[]) => { line?: number; column?: number };

export type YamlFileResult<T> = { readonly data: T; readonly locate: FieldLocator } | { readonly problems: Problem[] };

/** Parses `path` as YAML and validates it; `example` names a good file to start from. */
export function readYamlFile<S extends z.ZodType>(path: string, schema: S, example: string): YamlFileResult<z.output<S>> {
  const text = readFileSync(path, "utf8");
  const quick = quickRead(text, schema);
  if (!quick) return readWithPositions(path, text, schema, example);
  let document: ReturnType<typeof documentOf> | undefined;
  const locate: FieldLocator = (at) => {
    document ??= documentOf(text);
    return document.locate(at);
  };
  return { data: quick, locate };
}

/** The validated data when js-yaml reads the text as a mapping the schema accepts, else undefined. */
function quickRead<S extends z.ZodType>(text: string, schema: S): z.output<S> | undefined {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

function documentOf(text: string): { doc: Document; lineCounter: LineCounter; locate: FieldLocator } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  return { doc, lineCounter, locate: (at) => positionOf(doc, lineCounter, at) };
}

function readWithPositions<S extends z.ZodType>(path: string, text: string, schema: S, example: string): YamlFileResult<z.output<S>> {
  const file = displayPath(path);
  const { doc, lineCounter, locate } = documentOf(text);
  if (doc.errors.length > 0) return { problems: syntaxProblems(file, text, doc.errors, lineCounter) };
  if (isEmptyYaml(text)) {
    return {
      problems: [
        {
          file,
          path: "",
          value: text.trim() || "",
          message: "the file is empty",
          allowed: "a YAML mapping of settings",
          fix: `start from ${example}`,
        },
      ],
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      problems: [
        {
          file,
          line: 1,
          path: "",
          value: data,
          message: "the file must be a mapping of settings",
          allowed: "a YAML mapping (key: value lines)",
          fix: `start from ${example}`,
        },
      ],
    };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { data: parsed.data, locate };
  const knownKeys = (at: readonly PropertyKey[]) => knownKeysAt(schema as unknown as z.core.$ZodType, at);
  return { problems: parsed.error.issues.flatMap((issue) => toProblems(issue, file, data, doc, lineCounter, knownKeys, example)) };
}

function toProblems(
  issue: z.core.$ZodIssue,
  file: string,
  data: unknown,
  doc: Document,
  lineCounter: LineCounter,
  knownKeys: (path: readonly PropertyKey[]) => string[],
  example: string,
): Problem[] {
  const path = issue.path as (string | number)[];
  return describeIssue(issue, valueAt(data, path), knownKeys, example).map((text) => {
    const position = positionOf(doc, lineCounter, text.path);
    // Cross-field rules report the values they compared; other issues show what the file says.
    const compared = issue.code === "custom" ? (issue.params as { value?: unknown } | undefined)?.value : undefined;
    const value = compared ?? valueAt(data, text.path);
    return { file, ...position, path: formatPath(text.path), value, message: text.message, allowed: text.allowed, fix: text.fix };
  });
}

/** The keys the schema allows at `path`, for "did you mean" hints on unknown keys. */
function knownKeysAt(root: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let schema = unwrap(root);
  for (const key of path) {
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === "object") schema = (def.shape as Record<string, z.core.$ZodType>)[String(key)];
    else if (def.type === "array") schema = def.element as z.core.$ZodType;
    else if (def.type === "record") schema = def.valueType as z.core.$ZodType;
    else return [];
    if (!schema) return [];
    schema = unwrap(schema);
  }
  const def = schema._zod.def as unknown as Record<string, unknown>;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.type === "pipe" && def.in) {
      current = def.in;
      continue;
    }
    if (!def.innerType || !["optional", "default", "nullable", "prefault", "readonly"].includes(def.type)) return current;
    current = def.innerType;
  }
}

/** A path relative to the working directory when it is inside it. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}
