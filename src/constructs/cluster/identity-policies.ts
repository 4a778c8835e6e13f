/**
 * What each Pod Identity role may do, one entry per row of `SERVICE_ACCOUNTS`. The table is typed
 * by `IdentityName`, so an identity added there without an entry here fails to compile.
 * Statements are pure data built from `IdentityPolicyInputs`; `pod-identities.ts` makes the roles.
 */
import { cacheConnectStatement } from "../cache/cache";
import { databaseConnectStatement, ENGINE_DATABASE_USER } from "../database/database";
import { logWriterStatements } from "../logs/log-writer-policy";
import { grafanaCloudWatchStatements } from "../observability/grafana-policy";
import { karpenterControllerStatements, loadBalancerControllerStatements } from "./controller-policies";
import type { IdentityName } from "./service-accounts";

type Statement = Record<string, unknown>;

/** Values the policies are scoped to: this environment's keys, queue, node role and data stores. */
export interface IdentityPolicyInputs {
  /** `sparki-<env>`: the prefix of the environment's Secrets Manager secrets. */
  readonly resourcePrefix: string;
  /** Cluster name as a literal: Karpenter's conditions compare resource tags with it. */
  readonly clusterName: string;
  readonly accountId: string;
  readonly region: string;
  /** KMS key of node and persistent volumes and images. */
  readonly storageKeyArn: string;
  /** KMS key of the environment's Secrets Manager secrets. */
  readonly secretsKeyArn: string;
  /** SQS queue of EC2 interruption events Karpenter reads. */
  readonly interruptionQueueArn: string;
  /** Instance role Karpenter passes to the nodes it launches. */
  readonly karpenterNodeRoleArn: string;
  /** Resource ids of the database instances (writer and replicas), for `rds-db:connect`. */
  readonly databaseResourceIds: readonly string[];
  readonly cacheReplicationGroupArn: string;
  readonly cacheUserArn: string;
  /** The log search domain Fluent Bit writes to. */
  readonly openSearchDomainArn: string;
}

/** Permissions of one role. */
export interface IdentityPermissions {
  /** AWS-managed policy ARNs to attach. @default none */
  readonly managedPolicyArns?: readonly string[];
  /** Inline statements (IAM JSON). @default none */
  readonly statements?: readonly Statement[];
}

/** Lets a service create grants on a key only for AWS resources it manages (volumes), not for people. */
const grantForAwsResources = (sid: string, action: string | string[], keyArn: string): Statement => ({
  Sid: sid,
  Effect: "Allow",
  Action: action,
  Resource: keyArn,
  Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
});

export const IDENTITY_POLICIES: Readonly<Record<IdentityName, (inputs: IdentityPolicyInputs) => IdentityPermissions>> = {
  // The CNI's ENI permissions live here, not on the node role, so no pod inherits them.
  vpcCni: () => ({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"] }),

  // The managed policy covers volumes; the volume key is customer managed, so it needs the key too.
  ebsCsi: ({ storageKeyArn }) => ({
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
    statements: [
      grantForAwsResources("GrantsForEncryptedVolumes", ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], storageKeyArn),
      {
        Sid: "UseVolumeKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: storageKeyArn,
      },
    ],
  }),

  loadBalancerController: () => ({ statements: loadBalancerControllerStatements() }),

  // Only this environment's secrets, and the key only when Secrets Manager asks on the pod's behalf.
  externalSecrets: ({ region, accountId, resourcePrefix, secretsKeyArn }) => ({
    statements: [
      {
        Sid: "ReadEnvironmentSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"],
        Resource: `arn:aws:secretsmanager:${region}:${accountId}:secret:${resourcePrefix}/*`,
      },
      {
        Sid: "DecryptThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: secretsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    ],
  }),

  karpenter: (inputs) => ({
    statements: [
      ...karpenterControllerStatements({
        clusterName: inputs.clusterName,
        region: inputs.region,
        accountId: inputs.accountId,
        interruptionQueueArn: inputs.interruptionQueueArn,
        nodeRoleArn: inputs.karpenterNodeRoleArn,
      }),
      // Karpenter launches nodes itself (EC2 Fleet), so it needs the volume key, as Auto Scaling does.
      {
        Sid: "EncryptedRootVolumes",
        Effect: "Allow",
        Action: ["kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*"],
        Resource: inputs.storageKeyArn,
      },
      grantForAwsResources("EncryptedRootVolumeGrants", "kms:CreateGrant", inputs.storageKeyArn),
    ],
  }),

  grafana: ({ region, accountId }) => ({ statements: grafanaCloudWatchStatements(region, accountId) }),
  // Write-only: bulk indexing into logs-* of the environment's log search domain.
  fluentBit: ({ openSearchDomainArn }) => ({ statements: logWriterStatements(openSearchDomainArn) }),

  // Web needs no AWS API.
  web: () => ({}),

  // The engine signs IAM auth tokens for its database user and its cache user.
  engine: (inputs) => ({
    statements: [
      databaseConnectStatement({
        region: inputs.region,
        accountId: inputs.accountId,
        resourceIds: inputs.databaseResourceIds,
        user: ENGINE_DATABASE_USER,
      }),
      cacheConnectStatement(inputs.cacheReplicationGroupArn, inputs.cacheUserArn),
    ],
  }),
};
