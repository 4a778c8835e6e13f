/**
 * The environment schema: the one description of what an `environments/<name>.yaml` may say.
 * Field-level rules live on the fields; rules that relate fields live in `rules.ts`.
 * Every object is strict, so an unknown (for example misspelt) key is an error.
 */
import { z } from "zod";
import {
  EKS_STANDARD_SUPPORT_ENDS,
  LOG_RETENTION_DAYS,
  POSTGRES_MAJOR_VERSIONS,
  SUPPORTED_REGIONS,
  VPC_PREFIX_RANGE,
} from "./aws-facts";
import { DEFAULT_SUBNET_PREFIX_LENGTH } from "../constructs/network/subnet-plan";
import { crossFieldRules } from "./rules";

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
      nodeGroups: z.array(nodeGroupSchema).min(1).max(10),
    }),
    database: z.strictObject({
      engineVersion: z
        .string()
        .regex(/^\d{2}\.\d{1,2}$/, "a pinned PostgreSQL minor version such as 17.5")
        .refine((v) => (POSTGRES_MAJOR_VERSIONS as readonly string[]).includes(v.split(".")[0]), {
          message: "not a PostgreSQL major version RDS supports here",
          params: { allowed: `major versions ${POSTGRES_MAJOR_VERSIONS.join(", ")}`, fix: "pick a minor of a supported major, e.g. 17.5" },
        }),
      instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large"),
      allocatedStorageGiB: z.number().int().min(20).max(65536),
      maxAllocatedStorageGiB: z.number().int().min(20).max(65536).describe("Storage autoscaling ceiling"),
      multiAz: z.boolean(),
      readReplicas: z.number().int().min(0).max(5),
      backupRetentionDays: z.number().int().min(3).max(30),
    }),
    cache: z.strictObject({
      engine: z.enum(["valkey", "redis"]).default("valkey"),
      engineVersion: z.string(),
      nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "an ElastiCache node type such as cache.r7g.large"),
      replicas: z.number().int().min(0).max(5).describe("Replicas of the primary"),
      multiAz: z.boolean(),
      snapshotRetentionDays: z.number().int().min(0).max(35),
    }),
    observability: z.strictObject({
      logRetentionDays: retentionDays.describe("Retention of application and control-plane log groups"),
      metricsRetentionDays: z.number().int().min(1).max(400).describe("Prometheus metrics retention"),
    }),
    workloads: z.strictObject({
      web: replicaRange,
      engine: replicaRange,
    }),
    budget: z.strictObject({
      monthlyUsd: z.number().positive().describe("Expected monthly cost in US dollars"),
      onExceed: z.enum(["warn", "error"]).default("warn"),
    }),
    tags: z
      .record(
        z.string().min(1).max(128).regex(/^(?!aws:)[\w .:/=+\-@]+$/i, "an AWS tag key: up to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:"),
        z.string().max(256).regex(/^[\w .:/=+\-@]*$/, "an AWS tag value: up to 256 letters, digits, spaces and _.:/=+-@"),
      )
      .default({}),
  })
  .superRefine(crossFieldRules);

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type EnvironmentSettings = z.output<typeof environmentSchema>;
export type NodeGroupSettings = z.output<typeof nodeGroupSchema>;

/** A validated environment: its name (from the file name), its source file and its settings. */
export interface EnvironmentConfig extends EnvironmentSettings {
  readonly name: string;
  readonly sourceFile: string;
}
