/**
 * The CloudWatch dimensions of a colour's target group: from flags, or from the `<env>-edge`
 * stack's Terraform outputs (`terraform output -json`), checked against the target group name
 * the catalog gives the colour so a watch never judges the wrong group.
 */
import { EDGE_OUTPUTS, targetGroupName, type Colour, type WorkloadName } from "../constructs/workloads/catalog";
import type { TargetGroupDimensions } from "./canary-metrics";

const TARGET_GROUP_SUFFIX = /^targetgroup\/([A-Za-z0-9-]{1,32})\/[0-9a-f]+$/;
const LOAD_BALANCER_SUFFIX = /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;

/** `terraform output -json`: output name → { value }. */
export type TerraformOutputs = Record<string, { readonly value?: unknown }>;

/** The part of a target group ARN after the account: arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/… */
export function targetGroupArnSuffix(arn: string): string {
  return arn.split(":").slice(5).join(":");
}

export function dimensionsFromOutputs(outputs: TerraformOutputs, workload: WorkloadName, colour: Colour): Partial<TargetGroupDimensions> {
  const arn = outputs[EDGE_OUTPUTS.targetGroupArn(workload, colour)]?.value;
  const loadBalancer = outputs[EDGE_OUTPUTS.loadBalancerArnSuffix]?.value;
  return {
    targetGroup: typeof arn === "string" ? targetGroupArnSuffix(arn) : undefined,
    loadBalancer: typeof loadBalancer === "string" ? loadBalancer : undefined,
  };
}

/** Problems with the dimensions, as sentences; empty when they name the colour's group. */
export function dimensionProblems(
  dimensions: Partial<TargetGroupDimensions>,
  environment: string,
  workload: WorkloadName,
  colour: Colour,
): string[] {
  const expected = targetGroupName(environment, workload, colour);
  const problems: string[] = [];
  const group = dimensions.targetGroup === undefined ? undefined : TARGET_GROUP_SUFFIX.exec(dimensions.targetGroup);
  if (!group)
    problems.push(
      `target group: ${dimensions.targetGroup ?? "(missing)"} is not a target group ARN suffix like ` +
        `targetgroup/${expected}/0123456789abcdef`,
    );
  else if (group[1] !== expected) problems.push(`target group: ${dimensions.targetGroup} is not ${colour}'s group ${expected}`);
  if (dimensions.loadBalancer === undefined || !LOAD_BALANCER_SUFFIX.test(dimensions.loadBalancer)) {
    problems.push(
      `load balancer: ${dimensions.loadBalancer ?? "(missing)"} is not a load balancer ARN suffix like app/<name>/0123456789abcdef`,
    );
  }
  return problems;
}
