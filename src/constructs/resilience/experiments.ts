/**
 * Which fault-injection experiments an environment gets, as data: the AWS FIS action, its
 * target (by ARN from the owning stack's outputs, or by tags and filters), and the IAM
 * statements the experiment role needs for exactly that action on exactly that target.
 * Pure: the stack turns each plan into a template; tests read the plans directly.
 */

/** Minutes a zone stays cut off or powered down: long enough for failover, health checks and rescheduling to finish. */
export const ZONE_FAULT_MINUTES = 10;
/** Share of the cluster's nodes terminated at once: one zone's worth of three. */
export const NODE_TERMINATION_PERCENT = 33;

export type ExperimentKind = "database-failover" | "cache-zone-power" | "node-termination" | "zone-network-loss";

export interface ExperimentTarget {
  readonly resourceType: string;
  /** `ALL`, `COUNT(n)` or `PERCENT(n)`. */
  readonly selectionMode: string;
  readonly resourceArns?: readonly string[];
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** FIS filters: a path in the resource's Describe output and the values it must have. */
  readonly filters?: readonly { readonly path: string; readonly values: readonly string[] }[];
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface IamStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface ExperimentPlan {
  /** Stable key: the construct id, the template's Name tag suffix and the output key. */
  readonly key: string;
  readonly kind: ExperimentKind;
  readonly description: string;
  readonly actionId: string;
  /** The action's target key (FIS names it per action: `DBInstances`, `Instances`, …). */
  readonly actionTargetKey: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly target: ExperimentTarget;
  readonly statements: readonly IamStatement[];
  /** AWS managed policies the action needs (only where AWS scopes them to FIS-made resources). */
  readonly managedPolicyArns: readonly string[];
}

/** What the experiments may target: values from the owning stacks' outputs plus the environment's shape. */
export interface ExperimentInputs {
  readonly region: string;
  readonly accountId: string;
  readonly zones: readonly string[];
  readonly vpcId: string;
  /** One tag every subnet of the environment carries (the stacks' default tags); the VPC and zone filters narrow it. */
  readonly subnetTag: Readonly<Record<string, string>>;
  readonly clusterName: string;
  /** Multi-AZ primary; without it a forced failover is impossible and the experiment is left out. */
  readonly database?: { readonly arn: string };
  /** Replicated, Multi-AZ cache; without a replica there is nothing to fail over to. */
  readonly cache?: { readonly replicationGroupArn: string };
}

/**
 * AWS managed policy for `aws:network:disrupt-connectivity`: it may only create, change and
 * delete network ACLs FIS tags `managedByFIS=true`, and AWS keeps it in step with the action.
 */
export const FIS_NETWORK_ACCESS_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorNetworkAccess";

const minutes = (n: number) => `PT${n}M`;

export function plannedExperiments(inputs: ExperimentInputs): ExperimentPlan[] {
  const plans: ExperimentPlan[] = [];
  if (inputs.database) plans.push(databaseFailover(inputs.database.arn));
  if (inputs.cache) {
    for (const zone of inputs.zones) plans.push(cacheZonePower(inputs.cache.replicationGroupArn, zone));
  }
  plans.push(nodeTermination(inputs));
  for (const zone of inputs.zones) plans.push(zoneNetworkLoss(inputs, zone));
  return plans;
}

/** A reboot through a Multi-AZ failover: the standby becomes the primary (RDS instances; Aurora would use failover-db-cluster). */
function databaseFailover(arn: string): ExperimentPlan {
  return {
    key: "database-failover",
    kind: "database-failover",
    description: "Forces a Multi-AZ failover of the PostgreSQL primary (reboot with failover)",
    actionId: "aws:rds:reboot-db-instances",
    actionTargetKey: "DBInstances",
    parameters: { forceFailover: "true" },
    target: { resourceType: "aws:rds:db", selectionMode: "ALL", resourceArns: [arn] },
    statements: [
      { Sid: "RebootThePrimary", Effect: "Allow", Action: ["rds:RebootDBInstance", "rds:DescribeDBInstances"], Resource: arn },
      // FIS resolves targets through the tagging API, which has no resource-level permissions.
      { Sid: "ResolveTargets", Effect: "Allow", Action: "tag:GetResources", Resource: "*" },
    ],
    managedPolicyArns: [],
  };
}

/** Powers down the cache nodes of one zone; when the primary is there, ElastiCache promotes a replica. */
function cacheZonePower(replicationGroupArn: string, zone: string): ExperimentPlan {
  return {
    key: `cache-zone-power-${zone}`,
    kind: "cache-zone-power",
    description: `Interrupts power to the cache nodes in ${zone} for ${ZONE_FAULT_MINUTES} minutes`,
    actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
    actionTargetKey: "ReplicationGroups",
    parameters: { duration: minutes(ZONE_FAULT_MINUTES) },
    target: {
      resourceType: "aws:elasticache:replicationgroup",
      selectionMode: "ALL",
      resourceArns: [replicationGroupArn],
      parameters: { availabilityZoneIdentifier: zone },
    },
    statements: [
      {
        Sid: "InterruptCacheZonePower",
        Effect: "Allow",
        Action: ["elasticache:InterruptClusterAzPower", "elasticache:DescribeReplicationGroups"],
        Resource: replicationGroupArn,
      },
      { Sid: "ResolveTargets", Effect: "Allow", Action: "tag:GetResources", Resource: "*" },
    ],
    managedPolicyArns: [],
  };
}

/**
 * Terminates a share of the cluster's running nodes. EKS managed node groups and Karpenter both
 * tag their instances `kubernetes.io/cluster/<cluster>=owned`; the role may terminate nothing else.
 */
function nodeTermination(inputs: ExperimentInputs): ExperimentPlan {
  const clusterTag = `kubernetes.io/cluster/${inputs.clusterName}`;
  return {
    key: "node-termination",
    kind: "node-termination",
    description: `Terminates ${NODE_TERMINATION_PERCENT} % of the running nodes of the EKS cluster`,
    actionId: "aws:ec2:terminate-instances",
    actionTargetKey: "Instances",
    parameters: {},
    target: {
      resourceType: "aws:ec2:instance",
      selectionMode: `PERCENT(${NODE_TERMINATION_PERCENT})`,
      resourceTags: { [clusterTag]: "owned" },
      filters: [
        { path: "State.Name", values: ["running"] },
        { path: "VpcId", values: [inputs.vpcId] },
      ],
    },
    statements: [
      {
        Sid: "TerminateClusterNodesOnly",
        Effect: "Allow",
        Action: "ec2:TerminateInstances",
        Resource: `arn:aws:ec2:${inputs.region}:${inputs.accountId}:instance/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: "owned" } },
      },
      // Describe calls have no resource-level permissions.
      { Sid: "FindNodes", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
    ],
    managedPolicyArns: [],
  };
}

/**
 * Cuts every subnet of one zone (public, private, database) off the network: FIS swaps in a
 * deny-all network ACL for the duration and restores the original association afterwards.
 */
function zoneNetworkLoss(inputs: ExperimentInputs, zone: string): ExperimentPlan {
  return {
    key: `zone-network-loss-${zone}`,
    kind: "zone-network-loss",
    description: `Denies all traffic into and out of the subnets in ${zone} for ${ZONE_FAULT_MINUTES} minutes`,
    actionId: "aws:network:disrupt-connectivity",
    actionTargetKey: "Subnets",
    parameters: { duration: minutes(ZONE_FAULT_MINUTES), scope: "all" },
    target: {
      resourceType: "aws:ec2:subnet",
      selectionMode: "ALL",
      resourceTags: inputs.subnetTag,
      filters: [
        { path: "VpcId", values: [inputs.vpcId] },
        { path: "AvailabilityZone", values: [zone] },
      ],
    },
    statements: [],
    managedPolicyArns: [FIS_NETWORK_ACCESS_POLICY_ARN],
  };
}
