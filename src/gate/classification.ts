/**
 * Every resource type the stacks synthesize is classified here or in `stateful.ts`, so a new
 * type cannot slip past the gate unjudged (a test holds the stacks' types against both).
 */

/**
 * Types whose deletion or replacement removes a protection rather than data: the delete itself
 * is what a reviewer must approve (destroying `aws_s3_bucket_versioning` suspends versioning;
 * destroying a vault lock lets backups be deleted; destroying a public access block opens the
 * bucket to policies that grant public access).
 */
export const PROTECTIVE_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  aws_backup_vault_lock_configuration: "backup vault lock removed: recovery points can be deleted again",
  aws_backup_plan: "backup plan removed: no new backups are taken",
  aws_backup_selection: "backup selection removed: its resources are no longer backed up",
  aws_db_instance_automated_backups_replication: "cross-region backup copies stop",
  aws_s3_bucket_versioning: "versioning suspended: overwritten and deleted objects are lost",
  aws_s3_bucket_public_access_block: "public access block removed",
  aws_s3_bucket_server_side_encryption_configuration: "default encryption configuration removed",
  aws_s3_bucket_policy: "bucket policy removed (TLS-only and deny rules go with it)",
  aws_backup_vault_policy: "vault access policy removed: recovery points can be deleted again",
  aws_iam_policy: "the account's permissions boundary: removing it lifts the guard on every role the CI creates",
  aws_secretsmanager_secret_policy: "resource policy removed: any principal of the account with IAM access may read the value",
  aws_secretsmanager_secret_rotation: "rotation stops: the master password stays as it is until rotated again",
  aws_wafv2_web_acl: "web ACL removed: the load balancer takes unfiltered traffic",
  aws_wafv2_web_acl_association: "WAF detached from the load balancer",
};

/** Helm charts whose release owns CRDs: uninstalling it deletes every custom resource of those kinds. */
export const CRD_OWNING_CHARTS: Readonly<Record<string, string>> = {
  "karpenter-crd": "Karpenter's CRDs: deleting the release deletes every NodePool and EC2NodeClass, and Karpenter drains their nodes",
  karpenter: "Karpenter: its CRDs and the controller that owns every node it launched",
  "external-secrets": "External Secrets' CRDs (installCRDs): deleting them deletes every ExternalSecret and the Secrets they own",
  "aws-load-balancer-controller": "the load balancer controller and its TargetGroupBinding CRD: traffic stops reaching the pods",
};

/** Types the gate lets be deleted or replaced without approval, each with why that loses nothing. */
export const NOT_STATEFUL: Readonly<Record<string, string>> = {
  aws_acm_certificate: "re-issued through DNS validation, created before the old one is destroyed",
  aws_acm_certificate_validation: "a wait for issuance, no object of its own",
  aws_cloudfront_cache_policy: "cache settings recreated from the stack; cached objects are refetched from the origin",
  aws_backup_restore_testing_plan: "restore tests are recreated as configured; they hold no data",
  aws_backup_restore_testing_selection: "as above",
  aws_cloudwatch_event_rule: "routing configuration, recreated identically",
  aws_cloudwatch_event_target: "routing configuration, recreated identically",
  aws_cloudwatch_metric_alarm: "alarm definitions; history is not worth blocking a change for",
  aws_cloudwatch_log_resource_policy: "permission for a service to write to log groups, recreated identically",
  aws_codebuild_project: "the CI runner: rebuilt from configuration",
  aws_codebuild_webhook: "recreated with its project",
  aws_cognito_identity_pool:
    "hands out short-lived credentials only; a new pool gets a new id, and the role trust and cognito_options follow in the same apply",
  aws_cognito_identity_pool_roles_attachment: "configuration only, recreated identically",
  aws_cognito_user_pool_domain: "the sign-in page's prefix domain, recreated with the same name (sign-in pauses meanwhile)",
  aws_db_parameter_group: "configuration only; replacing it reboots nothing by itself",
  aws_db_subnet_group: "network configuration",
  aws_default_security_group: "adopted default group, rules only",
  aws_ecr_lifecycle_policy: "configuration only",
  aws_eip: "NAT addresses; allow-listed elsewhere by nobody (outbound only)",
  aws_eks_access_entry: "access configuration, recreated from the environment file",
  aws_eks_access_policy_association: "as above",
  aws_eks_addon: "managed add-ons are reinstalled at their pinned version",
  aws_eks_node_group: "nodes are cattle; workloads reschedule (the cluster itself is stateful)",
  aws_eks_pod_identity_association: "identity mapping, recreated identically",
  aws_elasticache_parameter_group: "configuration only",
  aws_elasticache_subnet_group: "network configuration",
  aws_elasticache_user: "RBAC users authenticate with IAM: no password is lost",
  aws_elasticache_user_group: "as above",
  aws_fis_experiment_template: "an experiment definition; runs are logged in its (stateful) log group",
  aws_flow_log: "the log group (stateful) keeps the logs",
  aws_iam_service_linked_role: "recreated by AWS or by this configuration with the same name",
  aws_iam_openid_connect_provider: "recreated from the issuer URL",
  aws_iam_role: "roles are recreated with the same name and policies",
  aws_iam_role_policy: "policy documents, recreated identically",
  aws_iam_role_policy_attachment: "attachments, recreated identically",
  aws_internet_gateway: "network plumbing",
  aws_kms_alias: "a name for a key (the key is stateful)",
  aws_kms_grant: "recreated from configuration",
  aws_launch_template: "node configuration; a new version is normal",
  aws_lb_listener: "listener configuration, recreated from the stack (a brief refusal of connections)",
  aws_lb_listener_rule: "routing and weights, recreated from the stack and the release file",
  aws_nat_gateway: "network plumbing",
  aws_route: "network plumbing",
  aws_route_table: "network plumbing",
  aws_route_table_association: "network plumbing",
  aws_route53_record: "DNS records, recreated identically",
  aws_s3_bucket_lifecycle_configuration: "rules only; expiry is reviewed as a change",
  aws_s3_bucket_logging: "logging target configuration (the log bucket is stateful)",
  aws_s3_bucket_ownership_controls: "configuration only",
  aws_security_group: "rules are separate resources; groups are recreated",
  aws_sns_topic: "alarm topic: messages are not stored; subscribers are recreated",
  aws_sns_topic_policy: "configuration only",
  aws_sns_topic_subscription: "recreated from the environment file",
  aws_sqs_queue_policy: "configuration only (the queue is stateful)",
  aws_subnet: "network plumbing; data stores are stateful on their own",
  aws_vpc: "network plumbing; everything inside it is judged on its own",
  aws_vpc_endpoint: "network plumbing",
  aws_vpc_security_group_egress_rule: "one rule",
  aws_vpc_security_group_ingress_rule: "one rule",
  aws_wafv2_web_acl_logging_configuration: "log routing; the log group (stateful) keeps the logs",
  helm_release: "judged by chart: releases of CRD_OWNING_CHARTS are stateful, other charts run stateless controllers",
  kubernetes_network_policy_v1: "policy only",
  kubernetes_storage_class_v1: "volumes keep their class's parameters; deleting the class deletes no volume",
};
