import type { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { NodeGroupSettings } from "../../config/schema";
import { ManagedNodeGroup } from "./node-group";
import type { NodeRole } from "./node-role";

export interface NodeGroupsProps {
  /**
   * Cluster name as a literal: it keeps node group and launch template names readable; the
   * dependency on the cluster comes through `dependsOn` (the add-ons before nodes).
   */
  readonly clusterName: string;
  /** The node groups of `cluster.nodeGroups` in the environment file. */
  readonly groups: readonly NodeGroupSettings[];
  readonly nodeRole: NodeRole;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** KMS key of the nodes' root volumes. */
  readonly volumeKmsKeyArn: string;
  /** Add-ons the nodes need to become Ready (`addAddonsBeforeNodes`). */
  readonly addonsBeforeNodes: readonly ITerraformDependable[];
}

/**
 * One `ManagedNodeGroup` per configured group, with construct ID `node-group-<name>` directly
 * under `scope` (a function, not a construct, so the addresses gain no parent).
 */
export function addNodeGroups(scope: Construct, props: NodeGroupsProps): EksNodeGroup[] {
  return props.groups.map(
    (group) =>
      new ManagedNodeGroup(scope, `node-group-${group.name}`, {
        clusterName: props.clusterName,
        name: group.name,
        nodeRoleArn: props.nodeRole.roleArn,
        subnetIds: props.subnetIds,
        securityGroupIds: props.securityGroupIds,
        volumeKmsKeyArn: props.volumeKmsKeyArn,
        instanceTypes: group.instanceTypes,
        capacityType: group.capacityType,
        minSize: group.minSize,
        desiredSize: group.desiredSize,
        maxSize: group.maxSize,
        diskSizeGiB: group.diskSizeGiB,
        labels: group.labels,
        taints: group.taints,
        // Nodes are destroyed before the node role loses its policies and before the VPC CNI's
        // add-on and permissions go (through the add-ons), so no instance or ENI is orphaned.
        dependsOn: [...props.addonsBeforeNodes, ...props.nodeRole.permissions],
      }).nodeGroup,
  );
}
