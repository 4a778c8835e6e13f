/**
 * Synthesis end to end: load and validate every environment, build the stacks, write the
 * Terraform JSON to a scratch directory, and only when all of that succeeded replace the
 * output directory with it, so a failure never leaves partial output behind.
 */
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { addStacks } from "../stacks/app";
import { BootstrapStack } from "../stacks/bootstrap-stack";
import { EnvironmentStack } from "../stacks/environment-stack";
import { loadEnvironments } from "./config/load";

export interface SynthesizeOptions {
  readonly environmentsDir: string;
  readonly outdir: string;
  /** Only these environments. @default all */
  readonly only?: readonly string[];
  /** @see StackOptions.bootstrapLocalState */
  readonly bootstrapLocalState?: boolean;
}

export interface StackSummary {
  readonly stack: string;
  /** The environment the stack belongs to, or `account <id>` for a bootstrap stack. */
  readonly owner: string;
  readonly resources: number;
}

export interface SynthesisResult {
  readonly environments: readonly string[];
  readonly stacks: readonly StackSummary[];
}

export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const environments = loadEnvironments(options.environmentsDir, { only: options.only });
  const scratch = `${options.outdir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  try {
    const app = new App({ outdir: scratch, stackTraces: false });
    addStacks(app, environments, { bootstrapLocalState: options.bootstrapLocalState });
    app.synth();
    const stacks = app.node.children
      .map((child) => ({
        stack: child.node.id,
        owner: child instanceof EnvironmentStack ? child.env.name : child instanceof BootstrapStack ? `account ${child.accountId}` : "",
        resources: countResources(join(scratch, "stacks", child.node.id, "cdk.tf.json")),
      }))
      .sort((a, b) => a.owner.localeCompare(b.owner) || a.stack.localeCompare(b.stack));
    if (existsSync(options.outdir)) rmSync(options.outdir, { recursive: true, force: true });
    renameSync(scratch, options.outdir);
    return { environments: environments.map((e) => e.name), stacks };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function countResources(file: string): number {
  const json = JSON.parse(readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
