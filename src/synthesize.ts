/**
 * Synthesis end to end: load and validate every environment, build the stacks, write the
 * Terraform JSON to a scratch directory, check it against the policy baseline and each
 * environment's budget (src/cost/), and only when
 * all of that succeeded replace the output directory with it, so a failure never leaves
 * partial output behind.
 */
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App, type TerraformStack } from "cdktf";
import { addStacks } from "../stacks/app";
import { BootstrapStack } from "../stacks/bootstrap-stack";
import { EnvironmentStack } from "../stacks/environment-stack";
import { EKS_SUPPORT_CALENDAR_CHECKED_ON } from "./config/aws-facts";
import { clusterSupportWarning } from "./config/eks-support";
import { loadEnvironments } from "./config/load";
import { loadReleases, RELEASES_DIR } from "./release/load";
import { PolicyCheck, PolicyError, type SynthesizedStack } from "./policy/policy-check";
import { checkCost, type CostResult } from "./cost/check-synthesis";
import type { AppliedSuppression, Finding, Tier } from "./policy/types";

export interface SynthesizeOptions {
  readonly environmentsDir: string;
  /** Release files (`<env>.yaml`); a missing file means nothing is released. @default RELEASES_DIR */
  readonly releasesDir?: string;
  readonly outdir: string;
  /** Only these environments. @default all */
  readonly only?: readonly string[];
  /** @see StackOptions.bootstrapLocalState */
  readonly bootstrapLocalState?: boolean;
  /**
   * The day (ISO date) support windows are judged from for the summary's warnings; they never
   * change the written Terraform. A day before the calendar's check date counts as that date.
   * @default today, from the clock
   */
  readonly today?: string;
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
  /** Policy findings below error severity. */
  readonly warnings: readonly Finding[];
  readonly suppressions: readonly AppliedSuppression[];
  /** Monthly estimate and budget check per environment (src/cost/). */
  readonly cost: CostResult;
  /** Environments whose EKS version has under six months of standard support left (src/config/eks-support.ts). */
  readonly supportWarnings: readonly string[];
}

export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const environments = loadEnvironments(options.environmentsDir, { only: options.only });
  const releases = loadReleases(options.releasesDir ?? RELEASES_DIR, environments);
  const scratch = `${options.outdir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  try {
    const app = new App({ outdir: scratch, stackTraces: false });
    addStacks(app, environments, { bootstrapLocalState: options.bootstrapLocalState, releases });
    const stacks = app.node.children as TerraformStack[];
    const policy = new PolicyCheck();
    for (const stack of stacks) policy.attach(stack, tierOf(stack));
    app.synth();

    const synthesized = new Map(stacks.map((s) => [s.node.id, readStack(scratch, s.node.id)]));
    const { findings, suppressions } = policy.evaluate((name) => synthesized.get(name)!);
    const errors = findings.filter((f) => f.severity === "error");
    if (errors.length > 0) throw new PolicyError(errors);
    const cost = checkCost(synthesized, environments, scratch);

    const summaries = stacks
      .map((stack) => ({ stack: stack.node.id, owner: ownerOf(stack), resources: countResources(synthesized.get(stack.node.id)!) }))
      .sort((a, b) => a.owner.localeCompare(b.owner) || a.stack.localeCompare(b.stack));
    if (existsSync(options.outdir)) rmSync(options.outdir, { recursive: true, force: true });
    renameSync(scratch, options.outdir);
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    // ISO dates compare as strings: the later of today and the day the calendar was checked.
    const asOf = today > EKS_SUPPORT_CALENDAR_CHECKED_ON ? today : EKS_SUPPORT_CALENDAR_CHECKED_ON;
    const supportWarnings = environments.flatMap((e) => clusterSupportWarning(e.name, e.cluster.version, asOf) ?? []);
    return {
      environments: environments.map((e) => e.name),
      stacks: summaries,
      warnings: findings.filter((f) => f.severity !== "error"),
      suppressions,
      cost,
      supportWarnings,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Bootstrap stacks hold every environment's state, so they meet production's rules. */
function tierOf(stack: TerraformStack): Tier {
  return stack instanceof EnvironmentStack ? stack.env.tier : "production";
}

function ownerOf(stack: TerraformStack): string {
  if (stack instanceof EnvironmentStack) return stack.env.name;
  return stack instanceof BootstrapStack ? `account ${stack.accountId}` : "";
}

function readStack(outdir: string, stack: string): SynthesizedStack {
  return JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as SynthesizedStack;
}

function countResources(json: SynthesizedStack): number {
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
