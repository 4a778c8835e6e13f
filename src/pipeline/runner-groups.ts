/**
 * Where each stack of an environment is planned and applied. Every cluster's API endpoint is
 * private, so a stack that uses the Kubernetes or Helm provider runs on the environment's runner
 * inside the VPC; so does every stack that depends on one (it must come after it). The rest —
 * AWS-only stacks upstream of any Kubernetes stack, the runner's own stack among them — run on
 * GitHub-hosted runners first, so a broken runner can be fixed through the pipeline.
 */
import type { Manifest } from "./stack-order";
import { stacksInOrder } from "./stack-order";

/** Providers that talk to the Kubernetes API, which only the in-VPC runner can reach. */
export const IN_VPC_PROVIDERS: readonly string[] = ["kubernetes", "helm"];

export type RunnerGroup = "github" | "vpc";
export const RUNNER_GROUPS: readonly RunnerGroup[] = ["github", "vpc"];

/** The environment's stacks in dependency order, split by the runner that can reach them. */
export function runnerGroups(
  manifest: Manifest,
  providers: Readonly<Record<string, readonly string[]>>,
  environment: string,
): Record<RunnerGroup, string[]> {
  const ordered = stacksInOrder(manifest, environment);
  const inVpc = new Set<string>();
  // Dependencies come first in `ordered`, so one pass sees every upstream decision.
  for (const name of ordered) {
    const usesKubernetes = (providers[name] ?? []).some((p) => IN_VPC_PROVIDERS.includes(p));
    const afterInVpc = manifest.stacks[name]!.dependencies.some((d) => inVpc.has(d));
    if (usesKubernetes || afterInVpc) inVpc.add(name);
  }
  return { github: ordered.filter((s) => !inVpc.has(s)), vpc: ordered.filter((s) => inVpc.has(s)) };
}

/** Stacks of the environment that `stack` reads, directly or through others. */
export function upstreamOf(manifest: Manifest, stack: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    for (const d of manifest.stacks[name]?.dependencies ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        visit(d);
      }
    }
  };
  visit(stack);
  return [...seen].sort();
}
