/**
 * AWS facts the environment schema checks against. Each table says where it comes from;
 * update it here (and only here) when AWS adds a region, a version or a retention value.
 */

/**
 * Regions this platform supports and the availability-zone letters each one has
 * (source: EC2 DescribeAvailabilityZones, checked 2026-11). A zone outside this list is
 * rejected so a typo such as "us-east-1g" fails before plan instead of during apply.
 */
export const REGION_ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-2": "abcd",
  "ca-central-1": "abd",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-central-1": "abc",
  "eu-north-1": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-northeast-1": "acd",
  "sa-east-1": "abc",
};

export const SUPPORTED_REGIONS = Object.keys(REGION_ZONE_LETTERS);

/** Values CloudWatch Logs accepts for a log group's retention_in_days (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * EKS Kubernetes minor versions and the last day of EKS standard support (14 months after EKS
 * releases a version; source: EKS Kubernetes release calendar, checked 2026-11-29). Past that
 * day a cluster moves to extended support, billed at six times the standard control-plane rate,
 * or, with upgrade policy STANDARD (ours), EKS upgrades it by itself.
 * 1.36: EKS release date not confirmed offline; the date assumes a release in late May 2026
 * (upstream 1.36 in April 2026, EKS about six weeks later as for 1.35). Confirm it on the
 * calendar and correct it before the first apply.
 */
export const EKS_STANDARD_SUPPORT_ENDS: Readonly<Record<string, string>> = {
  "1.33": "2026-07-29",
  "1.34": "2026-12-02",
  "1.35": "2027-03-27",
  "1.36": "2027-07-29",
};

/**
 * The day EKS_STANDARD_SUPPORT_ENDS was last checked. The support-window rule compares
 * against this fixed date, never the clock, so the same commit always synthesizes the same;
 * bump it together with the table.
 */
export const EKS_SUPPORT_CALENDAR_CHECKED_ON = "2026-11-29";

/** PostgreSQL major versions RDS offers with standard support (source: RDS release calendar). */
export const POSTGRES_MAJOR_VERSIONS = ["15", "16", "17"] as const;

/**
 * Exact PostgreSQL minor versions that `minorVersionUpgrades: pinned` may name: the minors RDS
 * moved every older minor to when those reached the end of standard support on 2026-05-31 (RDS
 * notice, checked 2026-11). RDS still upgrades a pinned minor by force once it leaves standard
 * support; then raise the pin to what the instance runs (`aws rds describe-db-instances --query
 * 'DBInstances[].EngineVersion'`) and add newer minors here from `aws rds describe-db-engine-versions
 * --engine postgres --query 'DBEngineVersions[].EngineVersion'`.
 */
export const POSTGRES_PINNABLE_MINOR_VERSIONS = ["15.15", "16.11", "17.7"] as const;

/** Valkey/Redis OSS engine versions ElastiCache offers for replication groups. */
export const CACHE_ENGINE_VERSIONS = { valkey: ["7.2", "8.0", "8.1"], redis: ["7.1"] } as const;

/** VPC and subnet CIDR prefix bounds (VPC user guide: "between /16 and /28"). */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;

/** An ACM certificate ARN, capturing its region and account (checked against the environment's). */
export const ACM_CERTIFICATE_ARN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

/**
 * The Elastic Load Balancing account of each supported region, the principal an ALB access-log
 * bucket policy grants s3:PutObject to (ALB user guide, "Enable access logs": regions available
 * before August 2022 use this account; newer regions use the service principal
 * logdelivery.elasticloadbalancing.amazonaws.com instead). The same table backs the AWS
 * provider's aws_elb_service_account data source.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-2": "797873946194",
  "ca-central-1": "985666609251",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-central-1": "054676820928",
  "eu-north-1": "897822967062",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-northeast-1": "582318560864",
  "sa-east-1": "507241528517",
};
