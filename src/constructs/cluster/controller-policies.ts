/**
 * IAM statements of the platform controllers, taken from their projects' published policies
 * (vendor/, see vendor/SOURCE) so an upgrade is a file replacement, not a hand edit.
 */
import loadBalancerControllerPolicy from "./vendor/aws-load-balancer-controller-iam-policy.json";
import karpenterPolicies from "./vendor/karpenter-controller-policies.json";

type Statement = Record<string, unknown>;

/** The AWS Load Balancer Controller's published policy (docs/install/iam_policy.json). */
export function loadBalancerControllerStatements(): Statement[] {
  return loadBalancerControllerPolicy.Statement as Statement[];
}

export interface KarpenterPolicyContext {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  readonly interruptionQueueArn: string;
  readonly nodeRoleArn: string;
}

/** Karpenter's controller statements (its CloudFormation template's policies), for one cluster. */
export function karpenterControllerStatements(context: KarpenterPolicyContext): Statement[] {
  const values: Record<string, string> = {
    "${ClusterName}": context.clusterName,
    "${AWS::Partition}": "aws",
    "${AWS::Region}": context.region,
    "${AWS::AccountId}": context.accountId,
    "${KarpenterInterruptionQueue.Arn}": context.interruptionQueueArn,
    "${KarpenterNodeRole.Arn}": context.nodeRoleArn,
  };
  const policies = karpenterPolicies as Record<string, { Statement: Statement[] }>;
  let text = JSON.stringify(Object.values(policies).flatMap((policy) => policy.Statement));
  for (const [placeholder, value] of Object.entries(values)) text = text.split(placeholder).join(value);
  const left = /\$\{(ClusterName|AWS::[A-Za-z]+|Karpenter[A-Za-z.]+)\}/.exec(text);
  if (left) throw new Error(`karpenter controller policy: placeholder ${left[0]} has no value`);
  return JSON.parse(text) as Statement[];
}
