/**
 * The environment schema: the one description of what an `environments/<name>.yaml` may say.
 * Field-level rules live on the fields; rules that relate fields live in `rules.ts`.
 * Every object is strict, so an unknown (for example misspelt) key is an error.
 */
import * as z from "zod";
import {
  ACM_CERTIFICATE_ARN,
  EKS_STANDARD_SUPPORT_ENDS,
  LOG_RETENTION_DAYS,
  POSTGRES_MAJOR_VERSIONS,
  SUPPORTED_REGIONS,
  VPC_PREFIX_RANGE,
} from "./aws-facts";
import { DEFAULT_SUBNET_PREFIX_LENGTH } from "../constructs/network/subnet-plan";
import { DEFAULT_CACHE_MAINTENANCE_WINDOW, DEFAULT_CACHE_SNAPSHOT_WINDOW } from "../constructs/cache/defaults";
import {
  DEFAULT_DATABASE_BACKUP_WINDOW,
  DEFAULT_DATABASE_MAINTENANCE_WINDOW,
  DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  MINOR_VERSION_UPGRADE_CHOICES,
} from "../constructs/database/defaults";
import { DAILY_WINDOW, WEEKLY_WINDOW } from "./windows";
import { DEFAULT_PLATFORM_SETTINGS } from "../constructs/platform/defaults";
import { DEFAULT_RECOVERY_TIME_OBJECTIVE_MINUTES, DEFAULT_RESILIENCE_SETTINGS } from "../constructs/resilience/defaults";
import { IAM_ROLE_ARN } from "../constructs/cluster/defaults";
import { crossFieldRules } from "./rules";
import { DEFAULT_LOG_INGESTION_GIB_PER_MONTH } from "../cost/defaults";
import {
  CDN_PRICE_CLASSES,
  CLOUDFRONT_REGION,
  DEFAULT_ACCESS_LOG_RETENTION_DAYS,
  DEFAULT_CDN_ENABLED,
  DEFAULT_CDN_PRICE_CLASS,
  DEFAULT_PREVIEW_SOURCE_CIDRS,
  DEFAULT_WAF_RATE_LIMIT,
  WAF_RATE_LIMIT_RANGE,
} from "../constructs/edge/defaults";
import { PREVIEW_COLOUR_HEADER } from "../constructs/workloads/catalog";
import { ADDON_NAMES, addonValuesProblems, type AddonName } from "../constructs/helm/addon-values";

/** Interface endpoints a private cluster needs to pull images and ship logs without NAT. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api",
  "ecr.dkr",
  "sts",
  "logs",
  "ec2",
  "elasticloadbalancing",
  "secretsmanager",
  "kms",
  "ssm",
] as const;

const retentionDays = z
  .number()
  .int()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    message: "not a retention period CloudWatch Logs accepts",
    params: {
      allowed: `one of ${LOG_RETENTION_DAYS.join(", ")}`,
      fix: "pick the nearest value from that list",
    },
  });

const kubernetesName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "lowercase letters, digits and '-', 2–32 characters, starting with a letter");

const cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "an IPv4 CIDR such as 10.0.0.0/16")
  .describe("IPv4 CIDR block");

/** A DNS hostname (lowercase labels of letters, digits and '-', at least two labels). */
const hostname = z
  .string()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, "a lowercase DNS hostname such as app.sparki.dev");

const dailyWindow = z.string().regex(DAILY_WINDOW, "a daily UTC window hh:mm-hh:mm such as 03:00-04:00");
const weeklyWindow = z.string().regex(WEEKLY_WINDOW, "a weekly UTC window ddd:hh:mm-ddd:hh:mm such as sun:05:00-sun:06:00");

const replicaRange = z.strictObject({
  minReplicas: z.number().int().min(1).max(100).describe("HorizontalPodAutoscaler minimum"),
  maxReplicas: z.number().int().min(1).max(200).describe("HorizontalPodAutoscaler maximum"),
  cpu: z
    .string()
    .regex(/^\d+m$|^\d+(\.\d+)?$/, "a Kubernetes CPU quantity such as 250m or 1")
    .describe("CPU request per pod"),
  memory: z
    .string()
    .regex(/^\d+(Mi|Gi)$/, "a Kubernetes memory quantity such as 512Mi or 2Gi")
    .describe("Memory request and limit per pod"),
});

const openSearchInstanceType = z
  .string()
  .regex(/^[a-z][a-z0-9]*\.[a-z0-9]+\.search$/, "an OpenSearch instance type such as r7g.large.search");

export const logSearchSchema = z.strictObject({
  instanceType: openSearchInstanceType.describe("Data node instance type"),
  instanceCount: z.number().int().min(1).max(80).describe("Data nodes; with zoneAwareness a multiple of the zone count"),
  dedicatedMasters: z
    .strictObject({
      instanceType: openSearchInstanceType,
      count: z.union([z.literal(3), z.literal(5)]).describe("3 or 5: an odd quorum that survives one zone"),
    })
    .optional()
    .describe("Dedicated master nodes; unset: data nodes elect the master (required in production)"),
  zoneAwareness: z.boolean().describe("Spread data nodes and replicas over min(3, availability zones) zones (required in production)"),
  volumeGiB: z.number().int().min(10).max(16384).describe("gp3 volume per data node"),
  retentionDays: z.number().int().min(1).max(3650).describe("Days a logs-* index lives before the index lifecycle policy deletes it"),
  masterRoleArn: z
    .string()
    .regex(IAM_ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111111111111:role/sparki-prod-ci-apply")
    .optional()
    .describe(
      "IAM role mapped as the fine-grained access control master (all_access, security_manager); unset: the environment's CI apply role",
    ),
  dashboardsSignIn: z
    .boolean()
    .default(true)
    .describe(
      "Sign-in to OpenSearch Dashboards for people through Amazon Cognito (admin-created users, TOTP MFA); default true. " +
        "false leaves Dashboards reachable only with SigV4-signed requests",
    ),
});

const addonOverrides = z.strictObject({
  values: z
    .record(z.string(), z.json())
    .describe(
      "Helm values deep-merged over the platform's defaults for this add-on (maps merge key by key; lists and scalars replace). " +
        "Checked against the chart's vendored values file; keys the platform owns (service accounts, images, cluster wiring) " +
        "and keys that carry secrets are refused",
    ),
});

/** `addons`: optional value overrides per Helm add-on, checked against each chart while the file is validated. */
export const addonsSchema = z
  .strictObject(
    Object.fromEntries(ADDON_NAMES.map((name) => [name, addonOverrides.optional()])) as Record<
      AddonName,
      z.ZodOptional<typeof addonOverrides>
    >,
  )
  .superRefine((addons, ctx) => {
    for (const name of ADDON_NAMES) {
      const values = addons[name]?.values;
      if (values === undefined) continue;
      for (const problem of addonValuesProblems(name, values))
        ctx.addIssue({
          code: "custom",
          path: [name, "values", ...problem.path],
          message: problem.message,
          // `value` replaces what the file says in the report: a likely secret is not echoed into CI logs.
          params: { allowed: problem.allowed, fix: problem.fix, ...(problem.redact ? { value: "(not shown: it may be a secret)" } : {}) },
        });
    }
  });

export const nodeGroupSchema = z.strictObject({
  name: kubernetesName.describe("Node group name; becomes part of the EKS node group name"),
  instanceTypes: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "an EC2 instance type such as m7i.large"))
    .min(1)
    .max(20)
    .describe("EC2 instance types, most preferred first"),
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
  minSize: z.number().int().min(0).max(450),
  desiredSize: z.number().int().min(0).max(450),
  maxSize: z.number().int().min(1).max(450),
  diskSizeGiB: z.number().int().min(20).max(16384).default(50).describe("gp3 root volume size"),
  labels: z.record(z.string(), z.string()).default({}),
  taints: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(63),
        value: z.string().max(63).optional(),
        effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
      }),
    )
    .default([]),
});

export const environmentSchema = z
  .strictObject({
    tier: z
      .enum(["development", "production"])
      .describe("production turns on the strict rules: Multi-AZ data stores, deletion protection, 3+ AZs, NAT per AZ"),
    account: z.strictObject({
      id: z.string().regex(/^\d{12}$/, "a 12-digit AWS account id, quoted so YAML keeps it a string"),
      region: z.enum(SUPPORTED_REGIONS as [string, ...string[]]),
    }),
    stateRegion: z
      .enum(SUPPORTED_REGIONS as [string, ...string[]])
      .optional()
      .describe("Region of the account's Terraform state bucket; defaults to account.region"),
    deletionProtection: z
      .boolean()
      .describe("Protects every stateful resource: RDS deletion protection and prevent_destroy on data, keys and secrets"),
    breakGlassRoleArn: z
      .string()
      .regex(IAM_ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111111111111:role/break-glass")
      .optional()
      .describe(
        "The only role that may delete, disable or change the policy of the data keys (database, backups, cache, secrets) while " +
          "deletionProtection is on; required then. Not a sparki-* role, which CI may change",
      ),
    ci: z
      .strictObject({
        githubRepository: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "a GitHub repository as owner/name")
          .describe("Repository whose workflows may assume this environment's CI roles through GitHub OIDC"),
      })
      .describe("Continuous delivery identity: GitHub environments <name>-plan (read-only) and <name> (apply)"),
    network: z.strictObject({
      availabilityZones: z.array(z.string()).min(2).max(6).describe("Zones to spread subnets over, in order"),
      vpcCidr: cidr,
      subnetPrefixLength: z
        .strictObject({
          public: z.number().int().min(VPC_PREFIX_RANGE.min).max(VPC_PREFIX_RANGE.max).default(DEFAULT_SUBNET_PREFIX_LENGTH.public),
          private: z.number().int().min(VPC_PREFIX_RANGE.min).max(VPC_PREFIX_RANGE.max).default(DEFAULT_SUBNET_PREFIX_LENGTH.private),
          database: z.number().int().min(VPC_PREFIX_RANGE.min).max(VPC_PREFIX_RANGE.max).default(DEFAULT_SUBNET_PREFIX_LENGTH.database),
        })
        .default(DEFAULT_SUBNET_PREFIX_LENGTH)
        .describe("Prefix length of each tier's per-zone subnet"),
      natGateways: z.enum(["single", "one-per-az"]).describe("single saves cost; one-per-az survives a zone outage"),
      interfaceEndpoints: z
        .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
        .default([])
        .describe("AWS services reached through interface VPC endpoints instead of NAT"),
      flowLogs: z.strictObject({
        retentionDays,
        trafficType: z.enum(["ALL", "ACCEPT", "REJECT"]).default("ALL"),
      }),
    }),
    cluster: z.strictObject({
      version: z.enum(Object.keys(EKS_STANDARD_SUPPORT_ENDS) as [string, ...string[]]).describe("EKS Kubernetes minor version"),
      endpointPublicAccessCidrs: z
        .array(cidr)
        .default([])
        .describe("CIDRs allowed to reach the public API endpoint; empty keeps the endpoint private"),
      adminRoleArns: z
        .array(z.string().regex(IAM_ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111111111111:role/platform-admin"))
        .optional()
        .describe(
          "IAM roles of this account given cluster-admin through EKS access entries (AmazonEKSClusterAdminPolicy); the cluster " +
            "creator gets no implicit admin; default: the environment's CI apply role, sparki-<env>-ci-apply",
        ),
      readOnlyRoleArns: z
        .array(z.string().regex(IAM_ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111111111111:role/developers"))
        .optional()
        .describe(
          "IAM roles of this account given read-only cluster access (AmazonEKSAdminViewPolicy); default: the environment's CI " +
            "plan role, sparki-<env>-ci-plan",
        ),
      nodeGroups: z.array(nodeGroupSchema).min(1).max(10),
    }),
    database: z.strictObject({
      engineVersion: z
        .string()
        .regex(/^\d{2}(\.\d{1,2})?$/, "a PostgreSQL major version such as 17, or an exact minor such as 17.7")
        .refine((v) => (POSTGRES_MAJOR_VERSIONS as readonly string[]).includes(v.split(".")[0]), {
          message: "not a PostgreSQL major version RDS supports here",
          params: { allowed: `major versions ${POSTGRES_MAJOR_VERSIONS.join(", ")}`, fix: "pick a supported major, e.g. 17" },
        })
        .describe("PostgreSQL version: the major (e.g. 17) with minorVersionUpgrades automatic, or an exact minor (e.g. 17.7) with pinned"),
      minorVersionUpgrades: z
        .enum(MINOR_VERSION_UPGRADE_CHOICES)
        .describe(
          "automatic: engineVersion is a major; RDS applies minor upgrades in the maintenance window and plans never try a " +
            "downgrade. pinned: engineVersion is an exact minor; no automatic upgrades, and the pin must be raised when RDS forces " +
            "one at a minor's end of support",
        ),
      instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large"),
      allocatedStorageGiB: z.number().int().min(20).max(65536),
      maxAllocatedStorageGiB: z.number().int().min(20).max(65536).describe("Storage autoscaling ceiling"),
      multiAz: z.boolean(),
      readReplicas: z.number().int().min(0).max(5),
      backupRetentionDays: z.number().int().min(3).max(30),
      backupWindow: dailyWindow
        .default(DEFAULT_DATABASE_BACKUP_WINDOW)
        .describe("Daily automated-backup window (UTC), at least 30 minutes; must not overlap maintenanceWindow"),
      maintenanceWindow: weeklyWindow
        .default(DEFAULT_DATABASE_MAINTENANCE_WINDOW)
        .describe("Weekly maintenance window (UTC), at least 30 minutes; must not overlap backupWindow"),
      backupReplicationRegion: z
        .enum(SUPPORTED_REGIONS as [string, ...string[]])
        .optional()
        .describe("Second region that receives automated backups and AWS Backup copies; unset keeps backups in account.region only"),
      backupAccountVaultArn: z
        .string()
        .regex(
          /^arn:aws:backup:[a-z0-9-]+:(\d{12}):backup-vault:[A-Za-z0-9_.-]{2,50}$/,
          "a backup vault ARN such as arn:aws:backup:us-east-1:444444444444:backup-vault:sparki-prod",
        )
        .optional()
        .describe(
          "Vault in a separate backup account that also receives every AWS Backup recovery point; its vault policy must allow " +
            "backup:CopyIntoBackupVault from this account. Unset: no cross-account copy",
        ),
      performanceInsightsRetentionDays: z
        .number()
        .int()
        .refine((days) => days === 7 || (days % 31 === 0 && days >= 31 && days <= 713) || days === 731, {
          message: "not a Performance Insights retention period",
          params: { allowed: "7 (free), a multiple of 31 up to 713, or 731", fix: "use 7, 31, 62, … or 731" },
        })
        .default(DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS)
        .describe("Days of Performance Insights history (7 is free)"),
      backupVaultLock: z
        .strictObject({
          minRetentionDays: z.number().int().min(1).max(36500).describe("Shortest retention a recovery point in the vault may have"),
          maxRetentionDays: z.number().int().min(1).max(36500).describe("Longest retention a recovery point in the vault may have"),
          changeableForDays: z
            .number()
            .int()
            .min(3)
            .optional()
            .describe("Compliance mode: days until the lock becomes immutable (even for the root user); unset = governance mode"),
        })
        .optional()
        .describe("AWS Backup Vault Lock on the database backup vault; unset leaves the vault unlocked"),
    }),
    cache: z.strictObject({
      engine: z.enum(["valkey", "redis"]).default("valkey"),
      engineVersion: z.string(),
      nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "an ElastiCache node type such as cache.r7g.large"),
      replicas: z.number().int().min(0).max(5).describe("Replicas of the primary"),
      multiAz: z.boolean(),
      snapshotRetentionDays: z.number().int().min(0).max(35),
      snapshotWindow: dailyWindow
        .default(DEFAULT_CACHE_SNAPSHOT_WINDOW)
        .describe("Daily snapshot window (UTC); must not overlap maintenanceWindow"),
      maintenanceWindow: weeklyWindow
        .default(DEFAULT_CACHE_MAINTENANCE_WINDOW)
        .describe("Weekly maintenance window (UTC), at least 60 minutes; must not overlap snapshotWindow"),
    }),
    platform: z
      .strictObject({
        highAvailability: z
          .boolean()
          .optional()
          .describe(
            "Run every platform add-on with ≥ 2 replicas spread over zones and a PodDisruptionBudget; unset follows the tier " +
              "(defaultHighAvailability: production → true)",
          ),
      })
      .default({ ...DEFAULT_PLATFORM_SETTINGS })
      .describe("Kubernetes add-ons of the <env>-platform stack"),
    addons: addonsSchema
      .default({})
      .describe(
        "Per-environment Helm value overrides of the platform and observability add-ons (src/constructs/helm/README.md); " +
          "unset: the platform's defaults",
      ),
    observability: z.strictObject({
      logRetentionDays: retentionDays.describe("Retention of application and control-plane log groups"),
      metricsRetentionDays: z.number().int().min(1).max(400).describe("Prometheus metrics retention"),
      traceSamplePercent: z
        .number()
        .gt(0)
        .max(100)
        .optional()
        .describe(
          "Percent of traces kept beyond those with an error or slower than the latency objective (always kept); unset follows " +
            "the tier (production: 10, development: 100)",
        ),
      alarmSubscriptions: z
        .array(
          z.discriminatedUnion("protocol", [
            z.strictObject({ protocol: z.literal("email"), endpoint: z.email("an email address") }),
            z.strictObject({ protocol: z.literal("https"), endpoint: z.url({ protocol: /^https$/, error: "an https:// URL" }) }),
          ]),
        )
        .default([])
        .describe(
          "Who the alarm topic notifies: email addresses (each confirms once) or HTTPS endpoints; an endpoint URL that embeds a " +
            "credential is a secret and does not belong in this file",
        ),
      logSearch: logSearchSchema.describe("The OpenSearch domain Fluent Bit ships container logs to (in <env>-core)"),
    }),
    workloads: z.strictObject({
      web: replicaRange,
      engine: replicaRange,
    }),
    release: z
      .strictObject({
        canarySteps: z
          .array(z.number().int().min(1).max(99))
          .max(5)
          .refine((steps) => steps.every((step, i) => i === 0 || step > steps[i - 1]), {
            message: "canary steps must increase",
            params: {
              allowed: "increasing percentages between 1 and 99, for example [10, 50]",
              fix: "sort the steps and remove duplicates",
            },
          })
          .optional()
          .describe(
            "Percent of traffic on the new colour at each `release shift` before 100; unset follows the tier (production: [10, " +
              "50], development: none)",
          ),
        retireAfterMinutes: z
          .number()
          .int()
          .min(0)
          .max(10080)
          .optional()
          .describe(
            "Minutes the previous colour stays scaled up after a promotion before `release retire` may scale it to zero; default 60",
          ),
      })
      .default({})
      .describe("Blue/green release rules of this environment (releases/<env>.yaml holds the release state)"),
    edge: z
      .strictObject({
        domain: hostname.describe("Hostname of the web front end, for example app.sparki.dev"),
        hostedZoneId: z
          .string()
          .regex(/^Z[A-Z0-9]{1,32}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ")
          .optional()
          .describe(
            "Public Route 53 zone holding domain (and engineHost): the stack creates a DNS-validated ACM certificate and alias " +
              "records; unset requires certificateArn and DNS managed elsewhere",
          ),
        certificateArn: z
          .string()
          .regex(ACM_CERTIFICATE_ARN, "an ACM certificate ARN such as arn:aws:acm:us-east-1:111111111111:certificate/<uuid>")
          .optional()
          .describe(
            "Existing ACM certificate in the environment's account and region covering domain (and engineHost); only without hostedZoneId",
          ),
        engineHost: hostname
          .optional()
          .describe("Hostname of the engine's REST and WebSocket API; unset routes the engine's paths (/api/v1/*, /ws) on domain"),
        rateLimitPer5Minutes: z
          .number()
          .int()
          .min(WAF_RATE_LIMIT_RANGE.min)
          .max(WAF_RATE_LIMIT_RANGE.max)
          .default(DEFAULT_WAF_RATE_LIMIT)
          .describe(`Requests one client IP may send in 5 minutes before the WAF blocks it; default ${DEFAULT_WAF_RATE_LIMIT}`),
        accessLogRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(DEFAULT_ACCESS_LOG_RETENTION_DAYS)
          .describe(`Days ALB access logs are kept in their S3 bucket; default ${DEFAULT_ACCESS_LOG_RETENTION_DAYS}`),
        previewSourceCidrs: z
          .array(cidr)
          .max(100)
          .default([...DEFAULT_PREVIEW_SOURCE_CIDRS])
          .describe(
            `Sources (office, VPN, CI egress) allowed to send the ${PREVIEW_COLOUR_HEADER} header that routes a request to one ` +
              `colour; the WAF blocks it from anywhere else. Empty (default): anyone may preview the idle colour`,
          ),
        cdn: z
          .strictObject({
            enabled: z
              .boolean()
              .default(DEFAULT_CDN_ENABLED)
              .describe(
                `Put a CloudFront distribution in front of the ALB (the hostnames then resolve to it, and the ALB admits only ` +
                  `CloudFront); default ${DEFAULT_CDN_ENABLED}`,
              ),
            certificateArn: z
              .string()
              .regex(ACM_CERTIFICATE_ARN, `an ACM certificate ARN such as arn:aws:acm:${CLOUDFRONT_REGION}:111111111111:certificate/<uuid>`)
              .optional()
              .describe(
                `Existing ACM certificate in ${CLOUDFRONT_REGION} of the environment's account covering domain (and ` +
                  `engineHost), for CloudFront; only without hostedZoneId (with it the stack creates one)`,
              ),
            priceClass: z
              .enum(CDN_PRICE_CLASSES)
              .default(DEFAULT_CDN_PRICE_CLASS)
              .describe(`CloudFront edge locations that serve viewers; default ${DEFAULT_CDN_PRICE_CLASS} (North America, Europe, Israel)`),
          })
          .default({ enabled: DEFAULT_CDN_ENABLED, priceClass: DEFAULT_CDN_PRICE_CLASS })
          .describe(
            "Optional CloudFront distribution in front of the ALB: static assets cached at the edge, a CLOUDFRONT-scope WAF in us-east-1",
          ),
      })
      .describe("Internet edge of the <env>-edge stack: hostnames, TLS certificate, WAF and access logs of the load balancer"),
    resilience: z
      .strictObject({
        experiments: z
          .boolean()
          .optional()
          .describe(
            "Create the fault-injection experiment templates (AWS FIS) of <env>-resilience; unset follows the tier (production: " +
              "off, development: on)",
          ),
        recoveryTimeObjectiveMinutes: z
          .number()
          .int()
          .min(1)
          .max(10080)
          .default(DEFAULT_RECOVERY_TIME_OBJECTIVE_MINUTES)
          .describe(
            `Minutes a restore of the database may take (RTO); the DR drill reports against it; default ` +
              `${DEFAULT_RECOVERY_TIME_OBJECTIVE_MINUTES}`,
          ),
      })
      .default({ ...DEFAULT_RESILIENCE_SETTINGS })
      .describe("Fault-injection experiments of the <env>-resilience stack and the recovery time objective the DR drill reports against"),
    budget: z.strictObject({
      monthlyUsd: z
        .number()
        .positive()
        .describe("Expected monthly cost in US dollars; synthesis compares the cost estimate (src/cost/) with it"),
      onExceed: z
        .enum(["warn", "error"])
        .default("warn")
        .describe("error fails synthesis when the estimate exceeds monthlyUsd or has unpriced items; warn only reports it"),
      logIngestionGiBPerMonth: z
        .number()
        .min(0)
        .max(1_000_000)
        .default(DEFAULT_LOG_INGESTION_GIB_PER_MONTH)
        .describe(
          `CloudWatch Logs ingested per month (GiB), an assumption of the cost estimate; default ${DEFAULT_LOG_INGESTION_GIB_PER_MONTH}`,
        ),
    }),
    tags: z
      .record(
        z
          .string()
          .min(1)
          .max(128)
          .regex(/^(?!aws:)[\w .:/=+\-@]+$/i, "an AWS tag key: up to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:"),
        z
          .string()
          .max(256)
          .regex(/^[\w .:/=+\-@]*$/, "an AWS tag value: up to 256 letters, digits, spaces and _.:/=+-@"),
      )
      .default({}),
  })
  .superRefine(crossFieldRules);

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type EnvironmentSettings = z.output<typeof environmentSchema>;
export type NodeGroupSettings = z.output<typeof nodeGroupSchema>;

/** Cluster settings once the loader has filled the defaults that depend on the environment's name. */
export type ClusterConfig = EnvironmentSettings["cluster"] & { readonly adminRoleArns: string[]; readonly readOnlyRoleArns: string[] };

/** A validated environment: its name (from the file name), its source file and its settings. */
export interface EnvironmentConfig extends Omit<EnvironmentSettings, "cluster"> {
  readonly name: string;
  readonly sourceFile: string;
  readonly cluster: ClusterConfig;
}
