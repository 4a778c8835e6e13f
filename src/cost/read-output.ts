/**
 * The estimate of a synthesis output directory: its `cost-estimate.json` when synthesis wrote one,
 * otherwise estimated here from its stacks' Terraform JSON with default assumptions (an output
 * synthesized before the estimate existed, e.g. the base branch of the PR that adds it).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COST_ESTIMATE_FILE } from "./check-synthesis";
import { estimateOutput } from "./estimate";
import type { OutputEstimate, StackJson } from "./types";

export interface ReadEstimate {
  readonly estimate: OutputEstimate;
  /** True when the directory held no estimate and defaults were assumed. */
  readonly estimatedFromStacks: boolean;
}

export function readOutputEstimate(outdir: string): ReadEstimate {
  const file = join(outdir, COST_ESTIMATE_FILE);
  if (existsSync(file)) return { estimate: JSON.parse(readFileSync(file, "utf8")) as OutputEstimate, estimatedFromStacks: false };
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) throw new Error(`${outdir} is not a synthesis output: it has neither ${COST_ESTIMATE_FILE} nor stacks/`);
  const stacks = readdirSync(stacksDir)
    .sort()
    .filter((name) => existsSync(join(stacksDir, name, "cdk.tf.json")))
    .map((name) => [name, JSON.parse(readFileSync(join(stacksDir, name, "cdk.tf.json"), "utf8")) as StackJson] as const);
  return { estimate: estimateOutput(stacks), estimatedFromStacks: true };
}
