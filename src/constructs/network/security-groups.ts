import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";

/** Port of the PostgreSQL database. */
export const POSTGRES_PORT = 5432;
/** Port of the Redis-compatible cache. */
export const REDIS_PORT = 6379;

export interface WorkloadSecurityGroupsProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly vpcId: string;
  /** Value of the `karpenter.sh/discovery` tag on the node group, so Karpenter nodes join it. */
  readonly clusterName: string;
}

/**
 * Security groups for cluster nodes, the database and the cache. Data stores accept traffic
 * only from nodes, on their own port; none of them accepts anything from 0.0.0.0/0.
 * Rules are separate resources (one per rule) so adding one never rewrites the others.
 */
export class WorkloadSecurityGroups extends Construct {
  readonly nodesId: string;
  readonly databaseId: string;
  readonly cacheId: string;

  constructor(scope: Construct, id: string, props: WorkloadSecurityGroupsProps) {
    super(scope, id);
    const group = (groupId: string, description: string, tags: Record<string, string> = {}) =>
      new SecurityGroup(this, groupId, {
        name: `${props.name}-${groupId}`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-${groupId}`, ...tags },
      });

    const nodes = group("nodes", "EKS worker nodes: node-to-node traffic and outbound through NAT", {
      "karpenter.sh/discovery": props.clusterName,
    });
    const database = group("database", "PostgreSQL: accepts connections from cluster nodes only");
    const cache = group("cache", "Redis-compatible cache: accepts connections from cluster nodes only");

    new VpcSecurityGroupIngressRule(this, "nodes-from-nodes", {
      securityGroupId: nodes.id,
      referencedSecurityGroupId: nodes.id,
      ipProtocol: "-1",
      description: "Node-to-node and pod-to-pod traffic",
    });
    new VpcSecurityGroupEgressRule(this, "nodes-to-anywhere", {
      securityGroupId: nodes.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "-1",
      description: "Outbound to AWS APIs, image registries and the data stores",
    });
    new VpcSecurityGroupIngressRule(this, "database-from-nodes", {
      securityGroupId: database.id,
      referencedSecurityGroupId: nodes.id,
      ipProtocol: "tcp",
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: "PostgreSQL from cluster nodes",
    });
    new VpcSecurityGroupIngressRule(this, "cache-from-nodes", {
      securityGroupId: cache.id,
      referencedSecurityGroupId: nodes.id,
      ipProtocol: "tcp",
      fromPort: REDIS_PORT,
      toPort: REDIS_PORT,
      description: "Redis protocol from cluster nodes",
    });

    this.nodesId = nodes.id;
    this.databaseId = database.id;
    this.cacheId = cache.id;
  }
}
