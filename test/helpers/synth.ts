/** Helpers that synthesize stacks in-process and read the Terraform JSON (snake_case keys). */
import { readdirSync } from "node:fs";
import { type App, Testing, type TerraformStack } from "cdktf";
import { loadEnvironments } from "../../src/config/load";
import type { EnvironmentConfig } from "../../src/config/schema";

export const ENVIRONMENTS_DIR = "environments";
/** Every environment file's name: adding `environments/<name>.yaml` puts it under every "all environments" test. */
export const ENVIRONMENT_NAMES: readonly string[] = readdirSync(ENVIRONMENTS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => file.replace(/\.ya?ml$/, ""))
  .sort();

export type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
};

const cache = new Map<string, EnvironmentConfig>();

export function environment(name: string): EnvironmentConfig {
  if (!cache.has(name)) cache.set(name, loadEnvironments(ENVIRONMENTS_DIR, { only: [name] })[0]);
  return cache.get(name)!;
}

/** A fresh app for constructing stacks in a test. */
export function testApp(): App {
  return Testing.app({ stackTraces: false });
}

export function synthJson(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** Every resource of a Terraform type, as [logical name, attributes] pairs. */
export function resourcesOf(json: TerraformJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** Attributes of every resource of a type. */
export function bodies(json: TerraformJson, type: string): Record<string, unknown>[] {
  return resourcesOf(json, type).map(([, body]) => body);
}

/** Parses a JSON policy document attribute (IAM, KMS, bucket policies). */
export function policyOf(body: Record<string, unknown>, attribute = "policy"): { Statement: Record<string, any>[] } {
  return JSON.parse(body[attribute] as string);
}
