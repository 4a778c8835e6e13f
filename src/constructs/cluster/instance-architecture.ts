/** Which AMI a node group's instance types boot, and the precondition that they agree on one. Pure. */
import type { PreconditionProblem } from "../validation";

/** Graviton families (a `g` after the generation digit) run arm64. */
const runsArm = (instanceType: string) => /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);

/** One AMI boots one architecture, so a group's instance types must share it. */
export function nodeGroupArchitectureProblem(instanceTypes: readonly string[]): PreconditionProblem | undefined {
  const arm = instanceTypes.filter(runsArm);
  const x86 = instanceTypes.filter((type) => !runsArm(type));
  if (arm.length === 0 || x86.length === 0) return undefined;
  return {
    prop: "instanceTypes",
    value: instanceTypes,
    message: `mixes arm64 (${arm.join(", ")}) and x86_64 (${x86.join(", ")}) instance types; one AMI cannot boot both`,
    allowed: "instance types of one architecture: all Graviton (arm64, such as m7g.large) or all x86_64 (such as m7i.large)",
    fix: "keep one architecture in this group, or split it into one group per architecture",
  };
}

/** AMI type for instance types of one architecture (nodeGroupArchitectureProblem says whether they are). */
export function amiTypeFor(instanceTypes: readonly string[]): string {
  return instanceTypes.some(runsArm) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}
