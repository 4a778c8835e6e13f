/** Defaults of the cost estimate's assumptions, each overridable where it says. */

/**
 * CloudWatch Logs ingested per environment per month when `budget.logIngestionGiBPerMonth` is
 * not set: control-plane (five EKS log types), VPC flow logs, RDS and ElastiCache exports of a
 * small, quiet environment. Busy production clusters ingest far more: measure and set the field.
 * @default 20 GiB
 */
export const DEFAULT_LOG_INGESTION_GIB_PER_MONTH = 20;

/**
 * Average Load Balancer Capacity Units an ALB (implied or Terraform-created) consumes per hour
 * (one LCU is 25 new connections/s, 3,000 active connections/min or 1 GB/h processed). Traffic
 * above it is not counted.
 * @default 1
 */
export const ALB_AVERAGE_LCU = 1;

/** Root volume of an EKS node group without a launch template (the EKS API default). @default 20 GiB */
export const EKS_DEFAULT_DISK_GIB = 20;

/**
 * Requests a WAF web ACL inspects per month, in millions ($0.60 per million). Ten million is
 * about four requests a second around the clock: a modest production load, generous for dev.
 * @default 10
 */
export const WAF_MILLION_REQUESTS_PER_MONTH = 10;

/**
 * Traffic a CloudFront distribution serves per month: requests in millions (HTTPS) and data
 * transferred to viewers in GB. Ten million requests matches the WAF assumption; 100 GB is ten
 * kilobytes a request after compression, mostly cached JavaScript. Traffic above it is not counted.
 * @default { millionRequests: 10, transferGB: 100 }
 */
export const CDN_TRAFFIC_PER_MONTH = { millionRequests: 10, transferGB: 100 } as const;

/**
 * People who sign in to OpenSearch Dashboards in a month, per environment: a handful of
 * engineers. Cognito bills monthly active users above a free tier, so this prices at $0; the
 * line item says so rather than hiding the pool.
 * @default 10
 */
export const DASHBOARDS_MONTHLY_ACTIVE_USERS = 10;
