/**
 * Which resources hold data or identity that cannot be recreated: deleting or replacing one loses
 * data (databases, buckets, volumes, logs), breaks everything that refers to it (keys, secrets,
 * clusters), or both. Classification is by resource type only — never by environment, tag or name,
 * so the same plan is judged the same way everywhere.
 */

/**
 * Terraform resource types the gate treats as stateful. A delete or replacement of one of these
 * blocks the plan unless an allow-list entry or the replacement label lets it through.
 * Add a type here when losing an instance of it loses data or an identity others depend on.
 */
export const STATEFUL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  // Relational databases: data, and endpoints applications are configured with.
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_rds_global_cluster",
  // Caches and queues that hold state between requests (WebSocket sessions, job queue).
  "aws_elasticache_replication_group",
  "aws_elasticache_cluster",
  "aws_elasticache_serverless_cache",
  "aws_memorydb_cluster",
  // Keys and secrets: a new key cannot decrypt what the old one encrypted; a deleted secret's
  // value is gone after its recovery window.
  "aws_kms_key",
  "aws_kms_replica_key",
  "aws_secretsmanager_secret",
  // Object, file, block and table storage.
  "aws_s3_bucket",
  "aws_efs_file_system",
  "aws_ebs_volume",
  "aws_dynamodb_table",
  "aws_ecr_repository",
  // Clusters and search domains: recreating one loses workloads' identity, indices and endpoints.
  "aws_eks_cluster",
  "aws_opensearch_domain",
  "aws_elasticsearch_domain",
  // People's sign-in: a new user pool has no users and no MFA seeds (everyone is re-invited and
  // re-enrols TOTP); a new group has no members.
  "aws_cognito_user_pool",
  "aws_cognito_user_group",
  // Backups and logs: the evidence and the way back.
  "aws_backup_vault",
  "aws_cloudwatch_log_group",
  // Queues: a new queue starts empty; in-flight messages (interruption notices, jobs) are lost.
  "aws_sqs_queue",
  // The edge: a new load balancer has a new DNS name (records and CDNs point at the old one) and
  // drops every connection; a new target group has a new ARN, so the colour bound to the old one
  // by the apps stack's TargetGroupBinding receives nothing until <env>-apps is re-applied.
  "aws_lb",
  // A replacement gets a new *.cloudfront.net name (hand-made CNAMEs break) and cannot be
  // created before the old one lets go of the aliases: minutes of outage for every viewer.
  "aws_cloudfront_distribution",
  "aws_lb_target_group",
  // Kubernetes namespaces: deleting one deletes every workload, Secret and volume claim in it.
  "kubernetes_namespace",
  "kubernetes_namespace_v1",
]);

export function isStateful(resourceType: string): boolean {
  return STATEFUL_RESOURCE_TYPES.has(resourceType);
}
