/**
 * The one price table of the cost estimate: on-demand list prices in USD, Linux, no Reserved
 * Instances or Savings Plans. Each block names its region, the date the prices were read and its
 * source. When AWS changes a price, change it here, move `asOf`, and re-run `npm run synth` to see
 * what the new numbers do to the budgets.
 *
 * Verification (against the stored copies of AWS pricing pages and third-party pricing write-ups
 * that quote them, searched when this table was written):
 *   confirmed  — NAT gateway hour, public IPv4 hour, EKS cluster hour ($73/month), interface
 *                endpoint per-AZ hour, t3.large, m6i.xlarge, m7i.xlarge, m7g.large, m7g.xlarge
 *                (and the .large of m6i/m7i, half the .xlarge by AWS's linear sizing),
 *                db.t4g.medium, RDS gp3 GB-month, ALB hour and
 *                LCU hour, CloudWatch Logs ingestion, CloudWatch standard alarm, KMS key-month,
 *                Secrets Manager secret-month, EBS gp3 GB-month, ElastiCache Serverless Valkey
 *                discount (33 %; the node-based discount is a different number, below).
 *   NOT confirmed (values from the AWS pricing pages as remembered, to re-check on the next edit):
 *                m7a/c7i/t3a and m7i.2xlarge instance hours, db.r7g.* and the other db.* hours, every
 *                ElastiCache node hour, the node-based Valkey discount (20 %, from the Oct 2024
 *                ElastiCache for Valkey launch; MemoryDB documents 30 % for its own Valkey nodes),
 *                OpenSearch instance and storage prices, WAF, Route 53 and CloudFront prices, and the Spot
 *                discount (a planning average, see SPOT.averageDiscount).
 */

/** Where a block of prices comes from. */
export interface PriceSource {
  readonly region: string;
  /** ISO date the prices were read. */
  readonly asOf: string;
  readonly source: string;
}

/** A block of prices: its source, then the prices. */
type PriceBlock = PriceSource & Record<string, unknown>;

/** Hours in a month as the AWS Pricing Calculator counts them (8,760 h / 12). */
export const HOURS_PER_MONTH = 730;

/** The region every price below is for. */
export const PRICE_REGION = "us-east-1";

const AS_OF = "2026-11-23";

export const EKS = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/eks/pricing/",
  /** Control plane per cluster-hour in standard support (extended support is $0.60). */
  clusterHour: 0.1,
} as const satisfies PriceBlock;

export const EC2 = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/ec2/pricing/on-demand/ (Linux, shared tenancy)",
  /** On-demand price per instance-hour. A type missing here is reported as unpriced. */
  instanceHour: {
    "t3.large": 0.0832,
    "t3a.large": 0.0752,
    "m6i.large": 0.096,
    "m6i.xlarge": 0.192,
    "m7i.large": 0.1008,
    "m7i.xlarge": 0.2016,
    "m7i.2xlarge": 0.4032,
    "m7a.large": 0.11592,
    "m7a.xlarge": 0.23184,
    "c7i.large": 0.08925,
    "c7i.xlarge": 0.1785,
    "c7i.2xlarge": 0.357,
    "m7g.large": 0.0816,
    "m7g.xlarge": 0.1632,
  } as Readonly<Record<string, number>>,
} as const satisfies PriceBlock;

export const SPOT = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source:
    "AWS Spot Instance Advisor (https://aws.amazon.com/ec2/spot/instance-advisor/), 'savings over On-Demand' column: " +
    "m6i/m7i/m7a/t3 in us-east-1 mostly fall in the 50–70 % band; 60 % is a planning average, not a quote",
  /**
   * Fraction taken off the on-demand price for SPOT node groups. Spot prices float; this is the
   * average we plan with, deliberately at the low end of the advisor's band so the estimate errs high.
   */
  averageDiscount: 0.6,
} as const satisfies PriceBlock;

export const EBS = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/ebs/pricing/",
  /** Per GB-month of provisioned volume (baseline 3,000 IOPS / 125 MiB/s included). */
  gbMonth: { gp3: 0.08, gp2: 0.1 } as Readonly<Record<string, number>>,
} as const satisfies PriceBlock;

export const VPC = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/vpc/pricing/ and https://aws.amazon.com/privatelink/pricing/",
  /** NAT gateway per hour; the $0.045 per GB processed is NOT counted (traffic-dependent). */
  natGatewayHour: 0.045,
  /** Every public IPv4 address, attached or idle, since 1 Feb 2024. */
  publicIpv4Hour: 0.005,
  /** Interface endpoint per endpoint per Availability Zone per hour; $0.01/GB processed NOT counted. */
  interfaceEndpointAzHour: 0.01,
} as const satisfies PriceBlock;

export const ELB = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  albHour: 0.0225,
  albLcuHour: 0.008,
} as const satisfies PriceBlock;

export const RDS = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/rds/postgresql/pricing/ (Single-AZ; Multi-AZ is twice the price)",
  /** PostgreSQL Single-AZ per instance-hour, by engine then class. */
  instanceHour: {
    postgres: {
      "db.t4g.micro": 0.016,
      "db.t4g.small": 0.032,
      "db.t4g.medium": 0.065,
      "db.t4g.large": 0.129,
      "db.m7g.large": 0.168,
      "db.r7g.large": 0.239,
      "db.r7g.xlarge": 0.478,
      "db.r7g.2xlarge": 0.956,
    },
  } as Readonly<Record<string, Readonly<Record<string, number>>>>,
  /** gp3 per GB-month, Single-AZ (Multi-AZ stores a second copy and pays twice). */
  gp3GbMonth: 0.115,
} as const satisfies PriceBlock;

export const ELASTICACHE = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/elasticache/pricing/ (on-demand nodes, Redis OSS column)",
  /** Redis OSS per node-hour. */
  redisNodeHour: {
    "cache.t4g.micro": 0.016,
    "cache.t4g.small": 0.032,
    "cache.t4g.medium": 0.065,
    "cache.m7g.large": 0.158,
    "cache.r7g.large": 0.219,
    "cache.r7g.xlarge": 0.437,
  } as Readonly<Record<string, number>>,
  /** Valkey node-based clusters are priced this fraction below Redis OSS on the same node type. */
  valkeyDiscount: 0.2,
} as const satisfies PriceBlock;

export const OPENSEARCH = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/opensearch-service/pricing/ (on-demand)",
  instanceHour: {
    "t3.small.search": 0.036,
    "t3.medium.search": 0.073,
    "m7g.large.search": 0.136,
    "r7g.large.search": 0.167,
    "r7g.xlarge.search": 0.335,
  } as Readonly<Record<string, number>>,
  /** EBS gp3 attached to a domain, per GB-month. */
  gp3GbMonth: 0.122,
} as const satisfies PriceBlock;

export const CLOUDWATCH = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/cloudwatch/pricing/",
  /** Logs ingestion (standard class) per GB; storage at $0.03/GB-month is NOT counted. */
  logIngestionGb: 0.5,
  /** Standard-resolution metric alarm per alarm-month. */
  alarmMonth: 0.1,
} as const satisfies PriceBlock;

export const KMS = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/kms/pricing/",
  /** Per customer managed key-month; each yearly rotation adds $1 (capped at two), NOT counted. */
  keyMonth: 1,
} as const satisfies PriceBlock;

export const SECRETS_MANAGER = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/secrets-manager/pricing/",
  secretMonth: 0.4,
} as const satisfies PriceBlock;

export const WAF = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/waf/pricing/",
  webAclMonth: 5,
  ruleMonth: 1,
  /** Per million requests inspected; NOT counted (traffic-dependent). */
  millionRequests: 0.6,
} as const satisfies PriceBlock;

export const CLOUDFRONT = {
  region: "global",
  asOf: AS_OF,
  source: "https://aws.amazon.com/cloudfront/pricing/",
  /** HTTPS requests, United States/Europe, per million ($0.0100 per 10,000); NOT confirmed. */
  millionHttpsRequests: 1,
  /** Data transfer out to the internet, United States/Europe, first 10 TB, per GB; NOT confirmed. */
  transferOutGB: 0.085,
} as const satisfies PriceBlock;

export const ROUTE53 = {
  region: "global",
  asOf: AS_OF,
  source: "https://aws.amazon.com/route53/pricing/",
  /** Per hosted zone-month (first 25 zones). */
  hostedZoneMonth: 0.5,
} as const satisfies PriceBlock;

export const COGNITO = {
  region: PRICE_REGION,
  asOf: AS_OF,
  source: "https://aws.amazon.com/cognito/pricing/ (Essentials feature plan)",
  /**
   * Monthly active users a pool's account gets free on Essentials; NOT confirmed (10,000 as
   * remembered from the tiered pricing of Nov 2024; the older page stored here says 50,000).
   */
  freeMonthlyActiveUsers: 10_000,
  /** Per monthly active user above the free tier on Essentials; NOT confirmed. */
  monthlyActiveUser: 0.015,
} as const satisfies PriceBlock;
