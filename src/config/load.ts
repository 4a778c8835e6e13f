/**
 * Loads every `environments/*.yaml`, validates each against the schema, and either returns
 * the environments or throws one ConfigError listing every problem in every file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { describeIssue } from "./describe-issue";
import { ConfigError, formatPath, type ConfigProblem } from "./errors";
import { environmentSchema, type EnvironmentConfig } from "./schema";
import { positionOf, valueAt } from "./yaml-paths";

/**
 * Environment names become part of AWS resource names (RDS identifiers, IAM role prefixes,
 * ElastiCache group ids) whose limits leave room for at most this many characters.
 */
export const MAX_ENVIRONMENT_NAME_LENGTH = 12;
const ENVIRONMENT_NAME = new RegExp(`^[a-z][a-z0-9-]{0,${MAX_ENVIRONMENT_NAME_LENGTH - 1}}$`);
const YAML_EXTENSIONS = new Set([".yaml", ".yml"]);

export interface LoadOptions {
  /** Load only these environments (by name). @default every file in the directory */
  readonly only?: readonly string[];
}

export function loadEnvironments(directory: string, options: LoadOptions = {}): EnvironmentConfig[] {
  const shownDir = displayPath(directory);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ConfigError([
      { file: shownDir, path: "", value: undefined, message: "environments directory not found", allowed: "a directory of <name>.yaml files", fix: "run from the project root, or create the directory with one YAML file per environment" },
    ]);
  }
  const files = readdirSync(directory)
    .filter((f) => YAML_EXTENSIONS.has(extname(f)))
    .sort();
  const available = files.map((f) => basename(f, extname(f)));
  const problems: ConfigProblem[] = [];

  for (const name of options.only ?? []) {
    if (!available.includes(name)) {
      problems.push({ file: join(shownDir, `${name}.yaml`), path: "", value: name, message: "no such environment file", allowed: `one of: ${available.join(", ") || "(none found)"}`, fix: `create ${join(shownDir, `${name}.yaml`)} or pick an existing environment` });
    }
  }
  if (files.length === 0) {
    problems.push({ file: shownDir, path: "", value: undefined, message: "no environment files found", allowed: "one <name>.yaml per environment", fix: "add environments/<name>.yaml" });
  }

  const selected = files.filter((f) => !options.only || options.only.includes(basename(f, extname(f))));
  const environments: EnvironmentConfig[] = [];
  for (const file of selected) {
    const result = loadFile(join(directory, file));
    if ("problems" in result) problems.push(...result.problems);
    else environments.push(result.environment);
  }
  problems.push(...crossFileProblems(environments));
  if (problems.length > 0) throw new ConfigError(problems);
  return environments;
}

function loadFile(path: string): { environment: EnvironmentConfig } | { problems: ConfigProblem[] } {
  const file = displayPath(path);
  const name = basename(path, extname(path));
  if (!ENVIRONMENT_NAME.test(name)) {
    return { problems: [{ file, path: "", value: name, message: "environment name (the file name) is not usable in AWS resource names", allowed: `lowercase letters, digits and '-', starting with a letter, at most ${MAX_ENVIRONMENT_NAME_LENGTH} characters`, fix: "rename the file, for example prod-eu.yaml" }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, "utf8"), { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return { file, line: at.line, column: at.col, path: "", value: undefined, message: `YAML syntax: ${error.message.split("\n")[0]}`, allowed: "well-formed YAML", fix: "correct the syntax at the line shown" };
      }),
    };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { problems: [{ file, path: "", value: data, message: "the file must be a mapping of settings", allowed: "a YAML mapping (key: value lines)", fix: "start from environments/dev.yaml" }] };
  }
  const parsed = environmentSchema.safeParse(data);
  if (parsed.success) return { environment: { ...parsed.data, name, sourceFile: file } };
  return { problems: parsed.error.issues.flatMap((issue) => toProblems(issue, file, data, doc, lineCounter)) };
}

function toProblems(issue: z.core.$ZodIssue, file: string, data: unknown, doc: Document, lineCounter: LineCounter): ConfigProblem[] {
  const path = issue.path as (string | number)[];
  return describeIssue(issue, valueAt(data, path), knownKeysAt).map((text) => {
    const position = positionOf(doc, lineCounter, text.path);
    // Cross-field rules report the values they compared; other issues show what the file says.
    const compared = issue.code === "custom" ? (issue.params as { value?: unknown } | undefined)?.value : undefined;
    const value = compared ?? valueAt(data, text.path);
    return { file, ...position, path: formatPath(text.path), value, message: text.message, allowed: text.allowed, fix: text.fix };
  });
}

/** Environments that share an account share its state bucket, so they must agree on its region. */
function crossFileProblems(environments: readonly EnvironmentConfig[]): ConfigProblem[] {
  const stateRegionByAccount = new Map<string, EnvironmentConfig>();
  const problems: ConfigProblem[] = [];
  for (const env of environments) {
    const first = stateRegionByAccount.get(env.account.id);
    if (!first) {
      stateRegionByAccount.set(env.account.id, env);
    } else if (stateRegion(first) !== stateRegion(env)) {
      problems.push({ file: env.sourceFile, path: "stateRegion", value: stateRegion(env), message: `account ${env.account.id} keeps its state bucket in ${stateRegion(first)} (per ${first.sourceFile})`, allowed: stateRegion(first), fix: `set stateRegion: ${stateRegion(first)} in both files` });
    }
  }
  return problems;
}

export function stateRegion(env: Pick<EnvironmentConfig, "stateRegion" | "account">): string {
  return env.stateRegion ?? env.account.region;
}

/** The keys the schema allows at `path`, for "did you mean" hints on unknown keys. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema = unwrap(environmentSchema as unknown as z.core.$ZodType);
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
    const def = current._zod.def as unknown as { type: string; innerType?: z.core.$ZodType };
    if (!def.innerType || !["optional", "default", "nullable", "prefault", "readonly"].includes(def.type)) return current;
    current = def.innerType;
  }
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith("..") ? shown : path;
}
