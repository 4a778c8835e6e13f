import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { REDIS_PORT } from "../network/security-groups";
import { CacheAlarms } from "./cache-alarms";
import { CacheUsers } from "./cache-users";
import { DEFAULT_CACHE_MAINTENANCE_WINDOW, DEFAULT_CACHE_SNAPSHOT_WINDOW } from "./defaults";
import { checkPreconditions } from "../validation";
import { cacheNodeTypeProblem, cacheNodeTypeSpec } from "./node-types";

/**
 * The cache holds the engine's job queue, so it must refuse writes when full rather than
 * silently drop keys: a lost job is worse than a visible error.
 */
export const MAXMEMORY_POLICY = "noeviction";
/** Logs delivered to CloudWatch Logs, as JSON. */
export const CACHE_LOG_TYPES = ["slow-log", "engine-log"] as const;

export interface CacheProps {
  /** Resource name prefix, for example `sparki-prod`; the group is `<name>-cache`. */
  readonly name: string;
  readonly engine: "valkey" | "redis";
  /** Pinned engine version such as `8.0`; its major version picks the parameter family. */
  readonly engineVersion: string;
  /** A node type listed in `node-types.ts`. */
  readonly nodeType: string;
  /** Replicas of the primary, each in the next zone. */
  readonly replicas: number;
  /** Multi-AZ with automatic failover; needs replicas ≥ 1. */
  readonly multiAz: boolean;
  readonly availabilityZones: readonly string[];
  readonly subnetGroupName: string;
  readonly securityGroupId: string;
  /** Encrypts data at rest and snapshots. */
  readonly kmsKeyArn: string;
  /** Encrypts the log groups; must grant CloudWatch Logs. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** Days of daily snapshots; 0 turns snapshots off. */
  readonly snapshotRetentionDays: number;
  /** @default DEFAULT_CACHE_SNAPSHOT_WINDOW */
  readonly snapshotWindow?: string;
  /** @default DEFAULT_CACHE_MAINTENANCE_WINDOW */
  readonly maintenanceWindow?: string;
  /** Terraform `prevent_destroy` on the replication group. */
  readonly deletionProtection: boolean;
  readonly alarmTopicArn: string;
}

/**
 * A Valkey (or Redis OSS) replication group: private, TLS-only, encrypted at rest with a
 * customer-managed key, IAM-authenticated through RBAC, with slow and engine logs and alarms.
 */
export class Cache extends Construct {
  /** Hostname of the primary. */
  readonly primaryEndpoint: string;
  /** Hostname that spreads reads over the replicas. */
  readonly readerEndpoint: string;
  readonly port = REDIS_PORT;
  readonly securityGroupId: string;
  /** RBAC user the application connects as, with an IAM auth token. */
  readonly userName: string;
  readonly alarmNames: string[] = [];
  /** ARNs that `elasticache:Connect` is granted on (see `cacheConnectStatement`). */
  readonly replicationGroupArn: string;
  readonly userArn: string;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    checkPreconditions(this, cacheNodeTypeProblem(props.nodeType));
    const groupId = `${props.name}-cache`;
    const family = `${props.engine}${props.engineVersion.split(".")[0]}`;
    const nodes = 1 + props.replicas;

    const parameters = new ElasticacheParameterGroup(this, "parameters", {
      // The family is part of the name so a major upgrade creates a new group beside the old one.
      name: `${groupId}-${family}`,
      family,
      description: `Cache settings of ${props.name}`,
      parameter: [{ name: "maxmemory-policy", value: MAXMEMORY_POLICY }],
      lifecycle: { createBeforeDestroy: true },
    });
    const users = new CacheUsers(this, "users", { name: props.name, engine: props.engine });
    const logGroups = CACHE_LOG_TYPES.map(
      (log) =>
        new CloudwatchLogGroup(this, `${log}-group`, {
          name: `/aws/elasticache/${groupId}/${log}`,
          retentionInDays: props.logRetentionDays,
          kmsKeyId: props.logsKeyArn,
        }),
    );

    const group = new ElasticacheReplicationGroup(this, "replication-group", {
      replicationGroupId: groupId,
      description: `Job queue and WebSocket state of ${props.name}`,
      engine: props.engine,
      engineVersion: props.engineVersion,
      nodeType: props.nodeType,
      numCacheClusters: nodes,
      preferredCacheClusterAzs: Array.from({ length: nodes }, (_, i) => props.availabilityZones[i % props.availabilityZones.length]),
      automaticFailoverEnabled: props.replicas > 0,
      multiAzEnabled: props.multiAz,
      port: REDIS_PORT,
      subnetGroupName: props.subnetGroupName,
      securityGroupIds: [props.securityGroupId],
      parameterGroupName: parameters.name,
      atRestEncryptionEnabled: "true", // a string in provider 5.x
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: [users.userGroupId],
      autoMinorVersionUpgrade: "false", // the version is pinned in configuration (a string in provider 5.x)
      snapshotRetentionLimit: props.snapshotRetentionDays,
      snapshotWindow: props.snapshotWindow ?? DEFAULT_CACHE_SNAPSHOT_WINDOW,
      maintenanceWindow: props.maintenanceWindow ?? DEFAULT_CACHE_MAINTENANCE_WINDOW,
      finalSnapshotIdentifier: `${groupId}-final`,
      logDeliveryConfiguration: logGroups.map((logGroup, i) => ({
        destination: logGroup.name,
        destinationType: "cloudwatch-logs",
        logFormat: "json",
        logType: CACHE_LOG_TYPES[i],
      })),
      lifecycle: { preventDestroy: props.deletionProtection },
    });

    const spec = cacheNodeTypeSpec(props.nodeType);
    for (let n = 1; n <= nodes; n++) {
      // Members of a cluster-mode-disabled group are named <group>-001, -002, …
      const member = `${groupId}-${String(n).padStart(3, "0")}`;
      const alarms = new CacheAlarms(this, `node-${n}-alarms`, {
        cacheClusterId: member,
        nodeType: spec,
        replicated: props.replicas > 0,
        topicArn: props.alarmTopicArn,
      });
      this.alarmNames.push(...alarms.names);
    }

    this.primaryEndpoint = group.primaryEndpointAddress;
    this.readerEndpoint = group.readerEndpointAddress;
    this.securityGroupId = props.securityGroupId;
    this.userName = users.applicationUserName;
    this.replicationGroupArn = group.arn;
    this.userArn = users.applicationUserArn;
  }

  /**
   * Lets one IAM role connect as the application user (elasticache:Connect on this group and
   * that user only); the role then signs short-lived auth tokens instead of holding a password.
   * @param scope where the policy lives; pass the role's own stack. @default this construct
   * @param id construct id of the policy. @default `connect-by-<roleName>` (required when the name is a token)
   */
  grantConnect(roleName: string, scope: Construct = this, id?: string): IamRolePolicy {
    if (!id && Token.isUnresolved(roleName)) {
      throw new Error(`${this.node.path}: grantConnect needs an explicit id when the role name is not known at synthesis`);
    }
    return new IamRolePolicy(scope, id ?? `connect-by-${roleName}`, {
      name: "connect-cache",
      role: roleName,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [cacheConnectStatement(this.replicationGroupArn, this.userArn)] }),
    });
  }
}

/**
 * The IAM statement behind `grantConnect`, for a role in another stack that receives the two
 * ARNs through named outputs: connect to this replication group as this user, nothing else.
 */
export function cacheConnectStatement(replicationGroupArn: string, userArn: string): Record<string, unknown> {
  return { Sid: "ConnectAsApplicationUser", Effect: "Allow", Action: "elasticache:Connect", Resource: [replicationGroupArn, userArn] };
}
