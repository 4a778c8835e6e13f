import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import type { Construct } from "constructs";
import { KarpenterInterruptionQueue } from "./karpenter-interruption";
import { NodeRole } from "./node-role";

export interface KarpenterNodesProps {
  /** Cluster name as the cluster's attribute: the access entry is made on it. */
  readonly clusterName: string;
  /** Instance role name of Karpenter's nodes, for example `sparki-prod-karpenter-node`. */
  readonly nodeRoleName: string;
  /** Name of the interruption queue, for example `sparki-prod-karpenter`. */
  readonly queueName: string;
  readonly accountId: string;
}

/** What the nodes Karpenter launches need from AWS before Karpenter is installed. */
export interface KarpenterNodes {
  readonly nodeRole: NodeRole;
  readonly interruptionQueue: KarpenterInterruptionQueue;
}

/**
 * The instance role of Karpenter's nodes with its `EC2_LINUX` access entry, and the interruption
 * queue. IDs `karpenter-node-role`, `karpenter-node-access`, `karpenter-interruption` stay
 * directly under `scope` (a function, not a construct: addresses unchanged).
 */
export function addKarpenterNodes(scope: Construct, props: KarpenterNodesProps): KarpenterNodes {
  const nodeRole = new NodeRole(scope, "karpenter-node-role", { roleName: props.nodeRoleName });
  // Managed node groups get their access entry from EKS; Karpenter's nodes need this one.
  new EksAccessEntry(scope, "karpenter-node-access", {
    clusterName: props.clusterName,
    principalArn: nodeRole.roleArn,
    type: "EC2_LINUX",
  });
  const interruptionQueue = new KarpenterInterruptionQueue(scope, "karpenter-interruption", {
    queueName: props.queueName,
    accountId: props.accountId,
  });
  return { nodeRole, interruptionQueue };
}
