/** Every pricer, and the resource types known to have no fixed monthly price. */
import type { Pricer } from "../pricer";
import { eksCluster, eksNodeGroup } from "./compute";
import { elasticacheReplicationGroup, opensearchDomain, rdsInstance } from "./data";
import { helmReleaseVolumes } from "./kubernetes";
import { cloudfrontDistribution, cognitoUserPool, hostedZone, kmsKey, metricAlarm, secret, webAcl } from "./management";
import { elasticIp, loadBalancer, natGateway, vpcEndpoint } from "./network";

export const PRICERS: readonly Pricer[] = [
  eksCluster,
  eksNodeGroup,
  rdsInstance,
  elasticacheReplicationGroup,
  opensearchDomain,
  natGateway,
  elasticIp,
  vpcEndpoint,
  loadBalancer,
  metricAlarm,
  kmsKey,
  secret,
  webAcl,
  hostedZone,
  cloudfrontDistribution,
  cognitoUserPool,
  helmReleaseVolumes,
];

/**
 * Types with no fixed monthly price: free (IAM, networking glue, configuration objects, Kubernetes
 * objects), or billed only by usage the estimate does not model (S3 and backup storage, SNS
 * deliveries, ECR storage, log storage). A type matching neither a pricer nor this list is listed
 * as "not estimated" in the report, so a newly added billable resource is noticed, not ignored.
 */
export const NO_FIXED_PRICE: readonly RegExp[] = [
  /^aws_iam_/,
  /^aws_(default_)?security_group$/,
  /^aws_vpc_security_group_(ingress|egress)_rule$/,
  new RegExp(
    "^aws_(vpc|subnet|internet_gateway|egress_only_internet_gateway|route|route_table|route_table_association|" +
      "network_acl.*|flow_log|vpc_endpoint_.*)$",
  ),
  /^aws_kms_(alias|grant)$/,
  /^aws_s3_bucket.*$/,
  /^aws_(sns_topic|sns_topic_policy|sns_topic_subscription|sqs_queue|sqs_queue_policy)$/,
  /^aws_backup_.*$/,
  /^aws_db_(parameter_group|subnet_group|instance_automated_backups_replication|option_group)$/,
  /^aws_elasticache_(parameter_group|subnet_group|user|user_group|user_group_association)$/,
  /^aws_cloudwatch_log_(group|resource_policy|subscription_filter)$/,
  /^aws_cloudwatch_(dashboard|event_rule|event_target)$/,
  /^aws_ecr_.*$/,
  /^aws_eks_(addon|access_entry|access_policy_association|pod_identity_association|identity_provider_config)$/,
  /^aws_launch_template$/,
  /^aws_secretsmanager_secret_(policy|rotation|version)$/,
  new RegExp(
    "^aws_(wafv2_web_acl_association|wafv2_web_acl_logging_configuration|wafv2_ip_set|" +
      "acm_certificate.*|route53_record|lb_listener.*|lb_target_group.*)$",
  ),
  /^aws_opensearch_domain_policy$/,
  // Free: the sign-in page's prefix domain, identity pools (credentials for signed-in users), groups.
  /^aws_cognito_(user_pool_domain|identity_pool|identity_pool_roles_attachment|user_group)$/,
  /^aws_cloudfront_cache_policy$/,
  // Billed per action-minute of a run ($0.10), not for existing.
  /^aws_fis_experiment_template$/,
  // The in-VPC CI runner: CodeBuild bills build minutes only (usage, not modelled).
  /^aws_codebuild_(project|webhook)$/,
  /^(kubernetes|helm|time|random|null|tls)_/,
];
