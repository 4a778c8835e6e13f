import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { EncryptionKey } from "../secrets/encryption-key";
import { STATE_KEY_ALIAS, stateAccessLogBucketName, stateBucketName, stateKeyAliasArn } from "./naming";

/** Days an overwritten state version is kept: long enough to roll back a bad apply found late. */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 90;
/** Days S3 server access logs of the state bucket are kept (a year of audit trail). */
export const DEFAULT_ACCESS_LOG_DAYS = 365;

export interface StateBucketProps {
  readonly accountId: string;
  readonly region: string;
  /** @default DEFAULT_NONCURRENT_VERSION_DAYS */
  readonly noncurrentVersionDays?: number;
  /** @default DEFAULT_ACCESS_LOG_DAYS */
  readonly accessLogDays?: number;
}

/**
 * The Terraform state bucket of one account: versioned, SSE-KMS with a customer key, private,
 * TLS-only, access-logged, with old versions expiring. Bucket and key carry prevent_destroy.
 */
export class StateBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const key = new EncryptionKey(this, "key", {
      alias: STATE_KEY_ALIAS,
      description: "Encrypts Terraform state objects",
      accountId: props.accountId,
    });

    // Server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS.
    const logs = new S3Bucket(this, "access-logs", {
      bucket: stateAccessLogBucketName(props.accountId, props.region),
      tags: { Name: "terraform-state-access-logs" },
      lifecycle: { preventDestroy: true },
    });
    secureBucket(this, "access-logs", logs, { sseAlgorithm: "AES256" });
    new S3BucketLifecycleConfiguration(this, "access-logs-lifecycle", {
      bucket: logs.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.accessLogDays ?? DEFAULT_ACCESS_LOG_DAYS }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        },
      ],
    });
    new S3BucketPolicy(this, "access-logs-policy", {
      bucket: logs.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          denyInsecureTransport(logs.arn),
          {
            Sid: "S3ServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${logs.arn}/state/*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:s3:::${stateBucketName(props.accountId, props.region)}` },
            },
          },
        ],
      }),
    });

    const state = new S3Bucket(this, "bucket", {
      bucket: stateBucketName(props.accountId, props.region),
      tags: { Name: "terraform-state" },
      lifecycle: { preventDestroy: true },
    });
    secureBucket(this, "bucket", state, { sseAlgorithm: "aws:kms", kmsKeyArn: key.arn });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: state.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? DEFAULT_NONCURRENT_VERSION_DAYS }],
          // Every unlock deletes `<key>.tflock`, leaving a delete marker; once the lock's old
          // versions expire, the marker is removed too, so listings do not fill with them.
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketLoggingA(this, "logging", { bucket: state.id, targetBucket: logs.id, targetPrefix: "state/" });
    new S3BucketPolicy(this, "policy", {
      bucket: state.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          denyInsecureTransport(state.arn),
          ...denyWritesWithoutKey(state.arn, [key.arn, stateKeyAliasArn(props.accountId, props.region)]),
        ],
      }),
    });

    this.bucketName = state.bucket;
    this.bucketArn = state.arn;
    this.kmsKeyArn = key.arn;
  }
}

/** Versioning, default encryption, owner-enforced objects and all four public-access blocks. */
function secureBucket(scope: Construct, id: string, bucket: S3Bucket, encryption: { sseAlgorithm: string; kmsKeyArn?: string }): void {
  new S3BucketVersioningA(scope, `${id}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${id}-encryption`, {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: encryption.sseAlgorithm, kmsMasterKeyId: encryption.kmsKeyArn },
        bucketKeyEnabled: encryption.kmsKeyArn !== undefined,
      },
    ],
  });
  new S3BucketOwnershipControls(scope, `${id}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
  new S3BucketPublicAccessBlock(scope, `${id}-public-access-block`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
}

function denyInsecureTransport(bucketArn: string): object {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Refuses object writes that do not name the state key: a client that sends AES256, another key
 * or no encryption header at all is denied instead of silently weakening state encryption.
 * Both the key ARN and the alias ARN the backends send are accepted.
 */
function denyWritesWithoutKey(bucketArn: string, keyIds: string[]): object[] {
  const deny = (sid: string, condition: object) => ({
    Sid: sid,
    Effect: "Deny",
    Principal: "*",
    Action: "s3:PutObject",
    Resource: `${bucketArn}/*`,
    Condition: condition,
  });
  return [
    deny("DenyWritesWithOtherKeys", { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyIds } }),
    // Spelt out, so a request without the header is denied whatever the negated operator does.
    deny("DenyWritesWithoutKmsHeader", { Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" } }),
  ];
}
