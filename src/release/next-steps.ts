/** The commands to run after an edit: apply the changed stacks, check, then the next verb. */
import type { WorkloadName } from "../constructs/workloads/catalog";
import { WORKLOAD_NAMESPACE, colourName } from "../constructs/workloads/catalog";
import { idleColour } from "./move";
import type { PlanChange } from "./plan-preview";
import type { ReleasePolicy } from "./policy";
import { retireAllowedFrom } from "./retire";
import type { WorkloadRelease } from "./schema";
import { isoSeconds } from "./move";

export type EditVerb = "stage" | "smoke" | "shift" | "promote" | "rollback" | "retire";

export function nextSteps(
  verb: EditVerb,
  environment: string,
  workload: WorkloadName,
  after: WorkloadRelease,
  policy: ReleasePolicy,
  changes: readonly PlanChange[],
): string[] {
  const cli = (rest: string) => `npm run release -- ${rest} ${environment} ${workload}`;
  const stacks = [...new Set(changes.map((c) => c.stack))].join(" and ");
  const idle = idleColour(after);
  if (verb === "smoke") {
    const smoke = after[idle].smoke;
    if (smoke?.passed)
      return [`then: ${policy.canarySteps.length > 0 ? cli("shift") : `${cli("shift")} --to <percent> (or ${cli("promote")})`}`];
    return [
      `${idle} stays without traffic: read the failed checks above, fix the image and stage it again (${cli("stage")} --image ` +
        `<digest>), then smoke it again`,
    ];
  }
  const steps = [
    `apply ${stacks}: merge the release file change (the deploy pipeline plans, gates and applies it), or by hand: npm run ` +
      `synth && scripts/ci/terraform.sh plan ${environment} plans && scripts/ci/terraform.sh apply ${environment} plans`,
  ];
  const more = policy.canarySteps.some((step) => step > after.traffic[idle]);
  switch (verb) {
    case "stage": {
      const staged = after.traffic[idle] === 0 && after[idle].image !== null ? idle : after.live;
      steps.push(`check: kubectl -n ${WORKLOAD_NAMESPACE} rollout status deployment/${colourName(workload, staged)}`);
      if (staged !== after.live) steps.push(`then: ${cli("smoke")} --base-url <edge URL>`);
      break;
    }
    case "shift":
      steps.push(`then: ${cli("watch")}`, `then: ${more ? cli("shift") : cli("promote")}`);
      break;
    case "promote": {
      const from = retireAllowedFrom(after, policy.retireAfterMinutes);
      steps.push(`then, from ${from ? isoSeconds(from) : "now"}: ${cli("retire")}`);
      break;
    }
    case "rollback":
      steps.push(`then: fix the image and stage it again (${cli("stage")} --image <digest>), or ${cli("retire")}`);
      break;
    case "retire":
      steps.push(`next release: ${cli("stage")} --image <digest>`);
      break;
  }
  return steps;
}
