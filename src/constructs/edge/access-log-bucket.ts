import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { ELB_LOG_DELIVERY_ACCOUNTS } from "../../config/aws-facts";
import { checkPreconditions } from "../validation";
import { logDeliveryAccountProblem } from "./log-delivery";

/** Days a noncurrent (overwritten or deleted) log object is kept before it expires. */
export const NONCURRENT_LOG_DAYS = 7;

export interface AccessLogBucketProps {
  /** Bucket name (globally unique). */
  readonly bucketName: string;
  readonly accountId: string;
  /** Region of the bucket and of the load balancer that writes to it. */
  readonly region: string;
  /** Days a log object is kept. */
  readonly retentionDays: number;
  /** prevent_destroy on the bucket. @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The S3 bucket an ALB writes its access logs to: SSE-S3 (the only encryption ALB log delivery
 * supports), versioned, private, owner-enforced, TLS-only, expiring after the configured days,
 * and writable only by the region's Elastic Load Balancing account under this account's prefix.
 */
export class AccessLogBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The bucket policy: the load balancer must be created after it, or enabling logs fails. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    checkPreconditions(this, logDeliveryAccountProblem(props.region));
    const elbAccount = ELB_LOG_DELIVERY_ACCOUNTS[props.region];

    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      tags: { Name: props.bucketName },
      lifecycle: { preventDestroy: props.preventDestroy ?? false },
    });
    new S3BucketVersioningA(this, "versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_LOG_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "ElbAccessLogDelivery",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${elbAccount}:root` },
            Action: "s3:PutObject",
            Resource: `${bucket.arn}/AWSLogs/${props.accountId}/*`,
          },
        ],
      }),
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
  }
}
