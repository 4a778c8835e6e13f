/** Encryption at rest and in transit. */
import { block, blocks, isTrue } from "../../terraform/json-values";
import type { PolicyRule, ResourceView, StackView } from "../types";

const bucketsWith = (stack: StackView, type: string) =>
  new Set(stack.resources.filter((r) => r.type === type).map((r) => r.attributes.bucket as string));
const ref = (resource: ResourceView, attribute = "id") => `\${${resource.address}.${attribute}}`;

export const encryptionRules: PolicyRule[] = [
  {
    id: "SPK-ENC-RDS",
    checkov: "CKV_AWS_16",
    description: "RDS storage is encrypted",
    types: ["aws_db_instance", "aws_rds_cluster"],
    // Read replicas inherit encryption from their source; the attribute may be absent there.
    check: (r) =>
      isTrue(r.attributes.storage_encrypted) || r.attributes.replicate_source_db ? undefined : "storage_encrypted is not true",
  },
  {
    id: "SPK-ENC-CACHE-REST",
    checkov: "CKV_AWS_29",
    description: "ElastiCache data is encrypted at rest",
    types: ["aws_elasticache_replication_group"],
    check: (r) => (isTrue(r.attributes.at_rest_encryption_enabled) ? undefined : "at_rest_encryption_enabled is not true"),
  },
  {
    id: "SPK-ENC-CACHE-TRANSIT",
    checkov: "CKV_AWS_30",
    description: "ElastiCache traffic is encrypted in transit",
    types: ["aws_elasticache_replication_group"],
    check: (r) => (isTrue(r.attributes.transit_encryption_enabled) ? undefined : "transit_encryption_enabled is not true"),
  },
  {
    id: "SPK-ENC-RDS-TRANSIT",
    checkov: "CKV2_AWS_69",
    description: "PostgreSQL parameter groups force TLS (rds.force_ssl = 1)",
    types: ["aws_db_parameter_group"],
    check: (r) => {
      if (!String(r.attributes.family ?? "").startsWith("postgres")) return undefined;
      const forced = blocks(r.attributes.parameter).some((p) => p.name === "rds.force_ssl" && String(p.value) === "1");
      return forced ? undefined : "rds.force_ssl is not set to 1";
    },
  },
  {
    id: "SPK-ENC-EBS",
    checkov: "CKV_AWS_3",
    description: "EBS volumes and launch-template volumes are encrypted",
    types: ["aws_ebs_volume", "aws_launch_template"],
    check: (r) => {
      if (r.type === "aws_ebs_volume") return isTrue(r.attributes.encrypted) ? undefined : "encrypted is not true";
      const unencrypted = blocks(r.attributes.block_device_mappings).filter((m) => block(m.ebs) && !isTrue(block(m.ebs)!.encrypted));
      return unencrypted.length ? `volume ${unencrypted.map((m) => m.device_name).join(", ")} is not encrypted` : undefined;
    },
  },
  {
    id: "SPK-ENC-S3",
    checkov: "CKV_AWS_145",
    description: "Every S3 bucket has default encryption",
    types: ["aws_s3_bucket"],
    check: (r, stack) =>
      bucketsWith(stack, "aws_s3_bucket_server_side_encryption_configuration").has(ref(r))
        ? undefined
        : "no aws_s3_bucket_server_side_encryption_configuration for this bucket",
  },
  {
    id: "SPK-ENC-LOGS",
    checkov: "CKV_AWS_158",
    description: "CloudWatch log groups are encrypted with a KMS key",
    types: ["aws_cloudwatch_log_group"],
    check: (r) => (r.attributes.kms_key_id ? undefined : "kms_key_id is not set"),
  },
  {
    id: "SPK-ENC-SECRETS",
    checkov: "CKV_AWS_149",
    description: "Secrets Manager secrets use a customer-managed KMS key",
    types: ["aws_secretsmanager_secret"],
    check: (r) => (r.attributes.kms_key_id ? undefined : "kms_key_id is not set"),
  },
  {
    id: "SPK-ENC-OPENSEARCH",
    checkov: "CKV_AWS_5",
    description: "OpenSearch domains encrypt at rest, between nodes and require HTTPS",
    types: ["aws_opensearch_domain"],
    check: (r) => {
      const missing = [
        !isTrue(block(r.attributes.encrypt_at_rest)?.enabled) && "encrypt_at_rest",
        !isTrue(block(r.attributes.node_to_node_encryption)?.enabled) && "node_to_node_encryption",
        !isTrue(block(r.attributes.domain_endpoint_options)?.enforce_https) && "domain_endpoint_options.enforce_https",
      ].filter(Boolean);
      return missing.length ? `not enabled: ${missing.join(", ")}` : undefined;
    },
  },
  {
    id: "SPK-ENC-SNS",
    checkov: "CKV_AWS_26",
    description: "SNS topics are encrypted with a KMS key",
    types: ["aws_sns_topic"],
    check: (r) => (r.attributes.kms_master_key_id ? undefined : "kms_master_key_id is not set"),
  },
  {
    id: "SPK-ENC-SQS",
    checkov: "CKV_AWS_27",
    description: "SQS queues are encrypted (SSE-SQS or a KMS key)",
    types: ["aws_sqs_queue"],
    // Set explicitly: an explicit false turns SSE-SQS off, and a plan should show the choice.
    check: (r) =>
      isTrue(r.attributes.sqs_managed_sse_enabled) || r.attributes.kms_master_key_id
        ? undefined
        : "neither sqs_managed_sse_enabled nor kms_master_key_id is set",
  },
  {
    id: "SPK-ENC-ECR",
    checkov: "CKV_AWS_136",
    description: "ECR repositories are encrypted with a KMS key",
    types: ["aws_ecr_repository"],
    check: (r) =>
      blocks(r.attributes.encryption_configuration).some((c) => c.encryption_type === "KMS")
        ? undefined
        : "encryption_configuration.encryption_type is not KMS",
  },
  {
    id: "SPK-ENC-BACKUP",
    checkov: "CKV_AWS_166",
    description: "Backup vaults are encrypted with a customer-managed KMS key",
    types: ["aws_backup_vault"],
    check: (r) => (r.attributes.kms_key_arn ? undefined : "kms_key_arn is not set"),
  },
  {
    id: "SPK-KMS-ROTATION",
    checkov: "CKV_AWS_7",
    description: "Symmetric KMS keys rotate",
    types: ["aws_kms_key"],
    check: (r) => {
      const spec = r.attributes.customer_master_key_spec ?? "SYMMETRIC_DEFAULT";
      return spec !== "SYMMETRIC_DEFAULT" || isTrue(r.attributes.enable_key_rotation) ? undefined : "enable_key_rotation is not true";
    },
  },
];
