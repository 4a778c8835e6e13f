/**
 * Loads every `environments/*.yaml`, validates each against the schema, and either returns
 * the environments or throws one ConfigError listing every problem in every file.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Problem } from "../problems";
import { ConfigError } from "./errors";
import { defaultAdminRoleArns, defaultReadOnlyRoleArns } from "../constructs/cluster/defaults";
import { dashboardsSignInDomainPrefix } from "../constructs/logs/defaults";
import { signInDomainPrefixProblem } from "../constructs/logs/sign-in-domain";
import { otherEnvironmentProblems, type NamedField } from "./other-environments";
import { environmentSchema, type EnvironmentConfig, type EnvironmentSettings } from "./schema";
import { displayPath, readYamlFile } from "./yaml-file";

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
      {
        file: shownDir,
        path: "",
        value: undefined,
        message: "environments directory not found",
        allowed: "a directory of <name>.yaml files",
        fix: "run from the project root, or create the directory with one YAML file per environment",
      },
    ]);
  }
  const files = readdirSync(directory)
    .filter((f) => YAML_EXTENSIONS.has(extname(f)))
    .sort();
  const available = files.map((f) => basename(f, extname(f)));
  const problems: Problem[] = [];

  for (const name of options.only ?? []) {
    if (!available.includes(name)) {
      problems.push({
        file: join(shownDir, `${name}.yaml`),
        path: "",
        value: name,
        message: "no such environment file",
        allowed: `one of: ${available.join(", ") || "(none found)"}`,
        fix: `create ${join(shownDir, `${name}.yaml`)} or pick an existing environment`,
      });
    }
  }
  if (files.length === 0) {
    problems.push({
      file: shownDir,
      path: "",
      value: undefined,
      message: "no environment files found",
      allowed: "one <name>.yaml per environment",
      fix: "add environments/<name>.yaml",
    });
  }

  const selected = files.filter((f) => !options.only || options.only.includes(basename(f, extname(f))));
  const environments: EnvironmentConfig[] = [];
  for (const file of selected) {
    const result = loadFile(join(directory, file), available);
    if ("problems" in result) problems.push(...result.problems);
    else environments.push(result.environment);
  }
  problems.push(...crossFileProblems(environments));
  if (problems.length > 0) throw new ConfigError(problems);
  return environments;
}

/** `allNames`: every environment file's name, to catch values copied from another environment. */
function loadFile(path: string, allNames: readonly string[]): { environment: EnvironmentConfig } | { problems: Problem[] } {
  const file = displayPath(path);
  const name = basename(path, extname(path));
  if (!ENVIRONMENT_NAME.test(name)) {
    return {
      problems: [
        {
          file,
          path: "",
          value: name,
          message: "environment name (the file name) is not usable in AWS resource names",
          allowed: `lowercase letters, digits and '-', starting with a letter, at most ${MAX_ENVIRONMENT_NAME_LENGTH} characters`,
          fix: "rename the file, for example prod-eu.yaml",
        },
      ],
    };
  }
  const result = readYamlFile(path, environmentSchema, "environments/dev.yaml");
  if ("problems" in result) return result;
  const settings = result.data;
  const problems = otherEnvironmentProblems(name, file, namedFields(settings), allNames, result.locate);
  if (problems.length > 0) return { problems };
  const { id } = settings.account;
  const signIn = settings.observability.logSearch.dashboardsSignIn
    ? signInDomainPrefixProblem(dashboardsSignInDomainPrefix(`sparki-${name}`, id))
    : undefined;
  if (signIn) {
    const { prop: _prop, ...rest } = signIn;
    return { problems: [{ file, path: "observability.logSearch.dashboardsSignIn", ...rest }] };
  }
  const cluster = {
    ...settings.cluster,
    adminRoleArns: settings.cluster.adminRoleArns ?? defaultAdminRoleArns(id, name),
    readOnlyRoleArns: settings.cluster.readOnlyRoleArns ?? defaultReadOnlyRoleArns(id, name),
  };
  return { environment: { ...settings, cluster, name, sourceFile: file } };
}

/** Values that would act on or bill another environment if copied unchanged: role ARNs and tags. */
function namedFields(settings: EnvironmentSettings): NamedField[] {
  const roles = (field: "adminRoleArns" | "readOnlyRoleArns") =>
    (settings.cluster[field] ?? []).map((value, i) => ({
      path: ["cluster", field, i],
      value,
      alternative: `leave cluster.${field} out to get this environment's CI role`,
    }));
  return [
    ...roles("adminRoleArns"),
    ...roles("readOnlyRoleArns"),
    ...(settings.breakGlassRoleArn ? [{ path: ["breakGlassRoleArn"], value: settings.breakGlassRoleArn }] : []),
    ...Object.entries(settings.tags).map(([key, value]) => ({ path: ["tags", key], value })),
  ];
}

/** Environments that share an account share its state bucket, so they must agree on its region. */
function crossFileProblems(environments: readonly EnvironmentConfig[]): Problem[] {
  const stateRegionByAccount = new Map<string, EnvironmentConfig>();
  const problems: Problem[] = [];
  for (const env of environments) {
    const first = stateRegionByAccount.get(env.account.id);
    if (!first) {
      stateRegionByAccount.set(env.account.id, env);
    } else if (stateRegion(first) !== stateRegion(env)) {
      problems.push({
        file: env.sourceFile,
        path: "stateRegion",
        value: stateRegion(env),
        message: `account ${env.account.id} keeps its state bucket in ${stateRegion(first)} (per ${first.sourceFile})`,
        allowed: stateRegion(first),
        fix: `set stateRegion: ${stateRegion(first)} in both files`,
      });
    }
  }
  return problems;
}

export function stateRegion(env: Pick<EnvironmentConfig, "stateRegion" | "account">): string {
  return env.stateRegion ?? env.account.region;
}
