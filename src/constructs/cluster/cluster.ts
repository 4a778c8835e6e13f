import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { ClusterAccess } from "./cluster-access";
import { DEFAULT_CLUSTER_ADMIN_ROLE_ARNS, DEFAULT_CLUSTER_READ_ONLY_ROLE_ARNS } from "./defaults";

/** Every control-plane log type EKS offers; all of them go to CloudWatch Logs. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** Public endpoint CIDRs when none are given: none, so the endpoint is private only. */
export const DEFAULT_ENDPOINT_PUBLIC_ACCESS_CIDRS: readonly string[] = [];

/**
 * At the end of standard support EKS upgrades the control plane rather than moving it to
 * extended support (six times the price). The config rule refuses expired versions earlier.
 */
export const DEFAULT_UPGRADE_SUPPORT_TYPE = "STANDARD";

export interface ClusterProps {
  /** Cluster name, for example `sparki-prod`. */
  readonly name: string;
  /** Kubernetes minor version, for example `1.35`. */
  readonly version: string;
  readonly accountId: string;
  readonly region: string;
  /** Private subnets for the control-plane network interfaces (and the nodes). */
  readonly subnetIds: string[];
  /**
   * Security group of the nodes. Added to the control-plane interfaces too, so its
   * node-to-node rule also carries control plane ↔ node traffic (kubelet, webhooks, API).
   */
  readonly nodeSecurityGroupId: string;
  /** KMS key that envelope-encrypts Kubernetes Secrets. */
  readonly secretsKeyArn: string;
  /** KMS key of the control-plane log group (must allow CloudWatch Logs). */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** CIDRs allowed to the public endpoint. @default DEFAULT_ENDPOINT_PUBLIC_ACCESS_CIDRS: public endpoint off */
  readonly endpointPublicAccessCidrs?: readonly string[];
  /** @default DEFAULT_CLUSTER_ADMIN_ROLE_ARNS (none) */
  readonly adminRoleArns?: readonly string[];
  /** @default DEFAULT_CLUSTER_READ_ONLY_ROLE_ARNS (none) */
  readonly readOnlyRoleArns?: readonly string[];
  /** Adds Terraform `prevent_destroy` to the cluster. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * An EKS control plane: private API endpoint, Secrets encrypted with a customer key, every
 * control-plane log type in a pre-created, encrypted, retained log group, and access through
 * EKS access entries only (the creator of the cluster gets no implicit admin).
 */
export class Cluster extends Construct {
  readonly name: string;
  readonly arn: string;
  readonly endpoint: string;
  readonly certificateAuthorityData: string;
  readonly oidcIssuer: string;
  /** The security group EKS creates for the control plane. */
  readonly clusterSecurityGroupId: string;
  readonly roleArn: string;
  readonly version: string;
  /** The cluster resource, for `dependsOn`. */
  readonly resource: EksCluster;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const publicCidrs = props.endpointPublicAccessCidrs ?? DEFAULT_ENDPOINT_PUBLIC_ACCESS_CIDRS;

    const role = new IamRole(this, "role", {
      name: `${props.name}-cluster`,
      description: `EKS control plane of ${props.name}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      }),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, "cluster-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    });
    // The only permission beyond AmazonEKSClusterPolicy: envelope encryption with this one key.
    const encryptionPolicy = new IamRolePolicy(this, "secrets-encryption", {
      name: "secrets-envelope-encryption",
      role: role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: props.secretsKeyArn },
        ],
      }),
    });

    // Created before the cluster so EKS does not create it unencrypted and unretained.
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/eks/${props.name}/cluster`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });

    const cluster = new EksCluster(this, "cluster", {
      name: props.name,
      version: props.version,
      roleArn: role.arn,
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      bootstrapSelfManagedAddons: false, // the managed add-ons below replace the self-managed defaults
      vpcConfig: {
        subnetIds: props.subnetIds,
        securityGroupIds: [props.nodeSecurityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: props.secretsKeyArn } },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      upgradePolicy: { supportType: DEFAULT_UPGRADE_SUPPORT_TYPE },
      tags: { Name: props.name },
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      // Destroy removes the cluster before its role's permissions: without them EKS cannot delete
      // the cluster's network interfaces, which then block the subnets' and VPC's deletion.
      dependsOn: [logGroup, clusterPolicy, encryptionPolicy],
    });

    new ClusterAccess(this, "access", {
      clusterName: cluster.name,
      adminRoleArns: props.adminRoleArns ?? DEFAULT_CLUSTER_ADMIN_ROLE_ARNS,
      readOnlyRoleArns: props.readOnlyRoleArns ?? DEFAULT_CLUSTER_READ_ONLY_ROLE_ARNS,
    });

    this.resource = cluster;
    this.name = cluster.name;
    this.arn = cluster.arn;
    this.endpoint = cluster.endpoint;
    this.certificateAuthorityData = cluster.certificateAuthority.get(0).data;
    this.oidcIssuer = cluster.identity.get(0).oidc.get(0).issuer;
    this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
    this.roleArn = role.arn;
    this.version = cluster.version;
  }
}
