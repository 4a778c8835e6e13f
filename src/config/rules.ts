/**
 * Rules that relate one field to another. Each problem names the field to change, what is
 * allowed and how to fix it. Production's stricter requirements are rules on `tier`, never on
 * an environment's name.
 */
import type { z } from "zod";
import { addonVersionsProblem } from "../constructs/cluster/addon-versions";
import { IAM_ROLE_ARN } from "../constructs/cluster/defaults";
import { nodeGroupArchitectureProblem } from "../constructs/cluster/instance-architecture";
import { MIN_CACHE_MAINTENANCE_WINDOW_MINUTES } from "../constructs/cache/defaults";
import { cacheNodeTypeProblem } from "../constructs/cache/node-types";
import { STORAGE_CEILING_MIN_HEADROOM_PERCENT } from "../constructs/database/database-alarms";
import { MIN_DATABASE_WINDOW_MINUTES } from "../constructs/database/defaults";
import { engineVersionProblem } from "../constructs/database/engine-version";
import { dbInstanceClassProblem } from "../constructs/database/instance-classes";
import { CLOUDFRONT_REGION } from "../constructs/edge/defaults";
import { logDeliveryAccountProblem } from "../constructs/edge/log-delivery";
import { zoneAwarenessProblem } from "../constructs/logs/zone-awareness";
import { subnetFitProblem } from "../constructs/network/subnet-plan";
import type { PreconditionProblem } from "../constructs/validation";
import { ACM_CERTIFICATE_ARN, CACHE_ENGINE_VERSIONS, REGION_ZONE_LETTERS, VPC_PREFIX_RANGE } from "./aws-facts";
import { EKS_STANDARD_SUPPORT_ENDS, EKS_SUPPORT_CALENDAR_CHECKED_ON } from "./aws-facts";
import { cidrMistake, parseCidr } from "./cidr";
import type { EnvironmentSettings } from "./schema";
import { dailyWindowMinutes, weeklyWindowMinutes, windowsOverlap } from "./windows";

type Path = (string | number)[];

/** One rule's finding: the field to change, the value it holds, what is wrong, what is allowed and the fix. */
export interface RuleProblem {
  readonly path: Path;
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

type Report = (problem: RuleProblem) => void;

/** A construct's precondition, reported at the field of the environment file it reads. */
function fromPrecondition(path: Path, { value, message, allowed, fix }: PreconditionProblem): RuleProblem {
  return { path, value, message, allowed, fix };
}

export function crossFieldRules(env: EnvironmentSettings, ctx: z.RefinementCtx): void {
  const report: Report = ({ path, value, message, allowed, fix }) =>
    ctx.addIssue({ code: "custom", path, input: value, message, params: { allowed, fix, value } });

  checkZones(env, report);
  checkNetwork(env, report);
  checkCluster(env, report);
  checkDataStores(env, report);
  checkDataLayer(env, report);
  checkWorkloads(env, report);
  checkDataProtection(env, report);
  checkEdge(env, report);
  checkLogSearch(env, report);
  checkProduction(env, report);
}

function checkZones(env: EnvironmentSettings, report: Report): void {
  const { region } = env.account;
  const letters = REGION_ZONE_LETTERS[region] ?? "";
  const valid = [...letters].map((l) => `${region}${l}`);
  const seen = new Set<string>();
  env.network.availabilityZones.forEach((zone, i) => {
    if (!valid.includes(zone)) {
      report({
        path: ["network", "availabilityZones", i],
        value: zone,
        message: `zone is not in the environment's region ${region}`,
        allowed: `zones of ${region}: ${valid.join(", ")}`,
        fix: `replace it with a zone of ${region}, or change account.region`,
      });
    }
    if (seen.has(zone)) {
      report({
        path: ["network", "availabilityZones", i],
        value: zone,
        message: "zone is listed twice",
        allowed: "each zone once",
        fix: "remove the duplicate",
      });
    }
    seen.add(zone);
  });
}

function checkNetwork(env: EnvironmentSettings, report: Report): void {
  const { vpcCidr, subnetPrefixLength, availabilityZones } = env.network;
  const vpc = parseCidr(vpcCidr);
  if (!vpc) {
    const mistake = cidrMistake(vpcCidr);
    report({
      path: ["network", "vpcCidr"],
      value: vpcCidr,
      message: mistake?.message ?? "not a valid network address",
      allowed: "an IPv4 CIDR with no host bits set, such as 10.20.0.0/16",
      fix: mistake?.fix ?? "use the network address of the block",
    });
    return;
  }
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) {
    report({
      path: ["network", "vpcCidr"],
      value: vpcCidr,
      message: "VPC size outside what AWS allows",
      allowed: `a prefix from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`,
      fix: "use a /16 to /28 block",
    });
    return;
  }
  const fit = subnetFitProblem(vpcCidr, availabilityZones.length, subnetPrefixLength);
  if (fit) report(fromPrecondition(["network", fit.prop], fit));
}

/**
 * True when EKS standard support for a Kubernetes minor version has ended on `asOf` (an ISO
 * date). The rule passes a fixed date (EKS_SUPPORT_CALENDAR_CHECKED_ON), never the clock.
 */
export function standardSupportEnded(version: string, asOf: string): boolean {
  const ends = EKS_STANDARD_SUPPORT_ENDS[version];
  return ends !== undefined && ends < asOf;
}

function checkClusterVersion(env: EnvironmentSettings, report: Report, asOf: string): void {
  const { version } = env.cluster;
  const supported = Object.keys(EKS_STANDARD_SUPPORT_ENDS).filter((v) => !standardSupportEnded(v, asOf));
  if (standardSupportEnded(version, asOf)) {
    report({
      path: ["cluster", "version"],
      value: version,
      message:
        `EKS standard support for ${version} ended on ${EKS_STANDARD_SUPPORT_ENDS[version]} (calendar checked ${asOf}); the ` +
        `cluster would run on extended support at six times the control-plane price`,
      allowed: supported.join(", "),
      fix: `upgrade one minor version at a time, to ${supported[0] ?? "a supported version"}`,
    });
  } else {
    const addons = addonVersionsProblem(version);
    if (addons) report(fromPrecondition(["cluster", "version"], addons));
  }
}

function checkClusterAccess(env: EnvironmentSettings, report: Report): void {
  for (const field of ["adminRoleArns", "readOnlyRoleArns"] as const) {
    (env.cluster[field] ?? []).forEach((arn, i) => {
      const account = IAM_ROLE_ARN.exec(arn)?.[1];
      if (account && account !== env.account.id) {
        report({
          path: ["cluster", field, i],
          value: arn,
          message: `role belongs to account ${account}, not this environment's account ${env.account.id}`,
          allowed: `roles of account ${env.account.id}`,
          fix: "use a role of the environment's own account; people from other accounts assume that role",
        });
      }
    });
  }
  const admins = new Set(env.cluster.adminRoleArns);
  (env.cluster.readOnlyRoleArns ?? []).forEach((arn, i) => {
    if (admins.has(arn))
      report({
        path: ["cluster", "readOnlyRoleArns", i],
        value: arn,
        message: "role is also listed in adminRoleArns",
        allowed: "each role in one list",
        fix: "remove it from one of the lists",
      });
  });
}

function checkCluster(env: EnvironmentSettings, report: Report): void {
  checkClusterVersion(env, report, EKS_SUPPORT_CALENDAR_CHECKED_ON);
  checkClusterAccess(env, report);
  env.cluster.endpointPublicAccessCidrs.forEach((text, i) => {
    const path = ["cluster", "endpointPublicAccessCidrs", i];
    const block = parseCidr(text);
    if (!block) {
      const mistake = cidrMistake(text);
      report({
        path,
        value: text,
        message: mistake?.message ?? "not a valid network address",
        allowed: "an IPv4 CIDR with no host bits set",
        fix: mistake?.fix ?? "use the network address of the block",
      });
    } else if (block.prefix === 0) {
      report({
        path,
        value: text,
        message: "opens the Kubernetes API to the whole internet",
        allowed: "specific office or VPN CIDRs",
        fix: "list your egress CIDRs, or leave the list empty for a private endpoint",
      });
    }
  });
  const names = new Set<string>();
  env.cluster.nodeGroups.forEach((group, i) => {
    const path = ["cluster", "nodeGroups", i];
    if (names.has(group.name)) {
      report({
        path: [...path, "name"],
        value: group.name,
        message: "node group name is used twice",
        allowed: "unique names",
        fix: "rename one of the groups",
      });
    }
    names.add(group.name);
    const architecture = nodeGroupArchitectureProblem(group.instanceTypes);
    if (architecture) report(fromPrecondition([...path, architecture.prop], architecture));
    if (group.minSize > group.desiredSize || group.desiredSize > group.maxSize) {
      report({
        path,
        value: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
        message: "sizes are out of order",
        allowed: "minSize ≤ desiredSize ≤ maxSize",
        fix: "raise maxSize or lower minSize so desiredSize sits between them",
      });
    }
  });
}

function checkDataStores(env: EnvironmentSettings, report: Report): void {
  const { database, cache, network } = env;
  const minimumCeiling = minimumStorageCeilingGiB(database.allocatedStorageGiB);
  if (database.maxAllocatedStorageGiB < minimumCeiling) {
    report({
      path: ["database", "maxAllocatedStorageGiB"],
      value: database.maxAllocatedStorageGiB,
      message:
        `autoscaling ceiling is less than ${STORAGE_CEILING_MIN_HEADROOM_PERCENT}% above the allocated storage: RDS would report ` +
        `it as nearly reached from the first day`,
      allowed:
        `at least ${minimumCeiling} GiB ` +
        `(allocatedStorageGiB ${database.allocatedStorageGiB} + ${STORAGE_CEILING_MIN_HEADROOM_PERCENT}%)`,
      fix: "raise maxAllocatedStorageGiB or lower allocatedStorageGiB",
    });
  }
  const version = engineVersionProblem(database.engineVersion, database.minorVersionUpgrades);
  if (version) report(fromPrecondition(["database", "engineVersion"], version));
  const replicaZones = network.availabilityZones.length - 1;
  if (database.readReplicas > replicaZones) {
    report({
      path: ["database", "readReplicas"],
      value: database.readReplicas,
      message: "more read replicas than zones to place them apart from the primary",
      allowed: `at most ${replicaZones} with ${network.availabilityZones.length} zones`,
      fix: "lower readReplicas or add availability zones",
    });
  }
  const versions: readonly string[] = CACHE_ENGINE_VERSIONS[cache.engine];
  if (!versions.includes(cache.engineVersion)) {
    report({
      path: ["cache", "engineVersion"],
      value: cache.engineVersion,
      message: `not a supported ${cache.engine} version`,
      allowed: versions.join(", "),
      fix: `pin one of ${versions.join(", ")}`,
    });
  }
  if (cache.multiAz && cache.replicas === 0) {
    report({
      path: ["cache", "multiAz"],
      value: true,
      message: "Multi-AZ needs automatic failover, and failover needs a replica",
      allowed: "multiAz: true only with replicas ≥ 1",
      fix: "set cache.replicas to 1 or more, or multiAz to false",
    });
  }
  if (cache.replicas > replicaZones + 1) {
    report({
      path: ["cache", "replicas"],
      value: cache.replicas,
      message: "more cache replicas than zones",
      allowed: `at most ${replicaZones + 1}`,
      fix: "lower cache.replicas or add availability zones",
    });
  }
}

/** Instance sizes the tuning knows, backup/maintenance windows, backup replication and vault lock. */
function checkDataLayer(env: EnvironmentSettings, report: Report): void {
  const { database, cache, account } = env;
  const instanceClass = dbInstanceClassProblem(database.instanceClass);
  if (instanceClass) report(fromPrecondition(["database", "instanceClass"], instanceClass));
  const nodeType = cacheNodeTypeProblem(cache.nodeType);
  if (nodeType) report(fromPrecondition(["cache", "nodeType"], nodeType));
  const tooShort = (path: Path, window: string, minutes: number | undefined, min: number) => {
    if (minutes !== undefined && minutes < min)
      report({
        path,
        value: window,
        message: `window lasts ${minutes} minutes`,
        allowed: `at least ${min} minutes`,
        fix: "widen the window",
      });
  };
  tooShort(["database", "backupWindow"], database.backupWindow, dailyWindowMinutes(database.backupWindow), MIN_DATABASE_WINDOW_MINUTES);
  tooShort(
    ["database", "maintenanceWindow"],
    database.maintenanceWindow,
    weeklyWindowMinutes(database.maintenanceWindow),
    MIN_DATABASE_WINDOW_MINUTES,
  );
  tooShort(
    ["cache", "maintenanceWindow"],
    cache.maintenanceWindow,
    weeklyWindowMinutes(cache.maintenanceWindow),
    MIN_CACHE_MAINTENANCE_WINDOW_MINUTES,
  );
  if (windowsOverlap(database.backupWindow, database.maintenanceWindow)) {
    report({
      path: ["database", "maintenanceWindow"],
      value: database.maintenanceWindow,
      message: `overlaps the daily backup window ${database.backupWindow}`,
      allowed: "a weekly window outside the backup window",
      fix: "move maintenanceWindow to hours after the backup window ends",
    });
  }
  if (windowsOverlap(cache.snapshotWindow, cache.maintenanceWindow)) {
    report({
      path: ["cache", "maintenanceWindow"],
      value: cache.maintenanceWindow,
      message: `overlaps the daily snapshot window ${cache.snapshotWindow}`,
      allowed: "a weekly window outside the snapshot window",
      fix: "move maintenanceWindow to hours after the snapshot window ends",
    });
  }
  if (database.backupReplicationRegion === account.region) {
    report({
      path: ["database", "backupReplicationRegion"],
      value: database.backupReplicationRegion,
      message: "backups replicated into the region they come from survive no regional outage",
      allowed: `a supported region other than ${account.region}`,
      fix: "pick another region, or remove the field",
    });
  }
  const backupAccount = /:(\d{12}):backup-vault:/.exec(database.backupAccountVaultArn ?? "")?.[1];
  if (backupAccount === account.id) {
    report({
      path: ["database", "backupAccountVaultArn"],
      value: database.backupAccountVaultArn,
      message: "the copy would sit in the account it is meant to survive",
      allowed: `a vault of an account other than ${account.id}`,
      fix: "name a vault of the separate backup account, or remove the field",
    });
  }
  const lock = database.backupVaultLock;
  if (lock) {
    if (lock.minRetentionDays > lock.maxRetentionDays) {
      report({
        path: ["database", "backupVaultLock", "maxRetentionDays"],
        value: lock.maxRetentionDays,
        message: "maximum retention is below the minimum",
        allowed: `at least minRetentionDays (${lock.minRetentionDays})`,
        fix: "raise maxRetentionDays or lower minRetentionDays",
      });
    }
    if (database.backupRetentionDays < lock.minRetentionDays || database.backupRetentionDays > lock.maxRetentionDays) {
      report({
        path: ["database", "backupVaultLock"],
        value: lock,
        message: `the locked vault would refuse backups kept ${database.backupRetentionDays} days (database.backupRetentionDays)`,
        allowed: `minRetentionDays ≤ ${database.backupRetentionDays} ≤ maxRetentionDays`,
        fix: "adjust the lock's retention range or database.backupRetentionDays",
      });
    }
  }
}

/** The break-glass role that alone may destroy the data keys of a protected environment. */
function checkDataProtection(env: EnvironmentSettings, report: Report): void {
  const arn = env.breakGlassRoleArn;
  if (!arn) {
    if (env.deletionProtection) {
      report({
        path: ["breakGlassRoleArn"],
        value: arn,
        message:
          "deletionProtection is on, so the data keys deny deletion, disabling and policy changes to everyone but a break-glass " +
          "role, which is missing",
        allowed: "an IAM role ARN of this account, outside sparki-*",
        fix: "create a break-glass role (see runbooks/bootstrap.md) and name it here",
      });
    }
    return;
  }
  const [, account] = IAM_ROLE_ARN.exec(arn) ?? [];
  if (account && account !== env.account.id) {
    report({
      path: ["breakGlassRoleArn"],
      value: arn,
      message: `role belongs to account ${account}, not this environment's account ${env.account.id}`,
      allowed: `a role of account ${env.account.id}`,
      fix: "use a role of the environment's own account",
    });
  }
  if (/:role\/(.*\/)?sparki-/.test(arn)) {
    report({
      path: ["breakGlassRoleArn"],
      value: arn,
      message: "sparki-* roles are managed by the CI apply role, which could then take over the break-glass role",
      allowed: "a role whose name does not start with sparki-",
      fix: "name the break-glass role for example break-glass",
    });
  }
}

function checkWorkloads(env: EnvironmentSettings, report: Report): void {
  for (const name of ["web", "engine"] as const) {
    const w = env.workloads[name];
    if (w.minReplicas > w.maxReplicas) {
      report({
        path: ["workloads", name, "maxReplicas"],
        value: w.maxReplicas,
        message: "maxReplicas is below minReplicas",
        allowed: `at least ${w.minReplicas}`,
        fix: "raise maxReplicas or lower minReplicas",
      });
    }
  }
}

/**
 * CloudFront takes certificates only from us-east-1, where its certificate-expiry alarm must
 * live too, next to the topic it notifies (CloudWatch refuses a topic of another region).
 */
function checkCdn(env: EnvironmentSettings, report: Report): void {
  const { edge, account } = env;
  const { cdn } = edge;
  if (cdn.enabled && edge.hostedZoneId === undefined && cdn.certificateArn === undefined) {
    report({
      path: ["edge", "cdn"],
      value: { enabled: true },
      message: `no certificate source for CloudFront`,
      allowed: `edge.hostedZoneId (a DNS-validated certificate is created in ${CLOUDFRONT_REGION}) or edge.cdn.certificateArn`,
      fix: `add the ARN of an ACM certificate in ${CLOUDFRONT_REGION} covering ${edge.domain}, or set edge.cdn.enabled: false`,
    });
  }
  if (edge.hostedZoneId !== undefined && cdn.certificateArn !== undefined) {
    report({
      path: ["edge", "cdn", "certificateArn"],
      value: cdn.certificateArn,
      message: "ignored: with hostedZoneId the stack creates and validates CloudFront's certificate",
      allowed: "either hostedZoneId or edge.cdn.certificateArn",
      fix: "remove edge.cdn.certificateArn",
    });
  }
  const match = cdn.certificateArn ? ACM_CERTIFICATE_ARN.exec(cdn.certificateArn) : null;
  if (match && match[1] !== CLOUDFRONT_REGION) {
    report({
      path: ["edge", "cdn", "certificateArn"],
      value: cdn.certificateArn,
      message: `certificate is in ${match[1]}, but CloudFront only uses certificates of ${CLOUDFRONT_REGION}`,
      allowed: `an ACM certificate ARN in ${CLOUDFRONT_REGION}`,
      fix: `request or import the certificate in ${CLOUDFRONT_REGION}`,
    });
  }
  if (match && match[2] !== account.id) {
    report({
      path: ["edge", "cdn", "certificateArn"],
      value: cdn.certificateArn,
      message: `certificate belongs to account ${match[2]}, not this environment's account ${account.id}`,
      allowed: `an ACM certificate of account ${account.id}`,
      fix: "request or import the certificate in the environment's own account",
    });
  }
  if (cdn.enabled && account.region !== CLOUDFRONT_REGION) {
    report({
      path: ["edge", "cdn", "enabled"],
      value: true,
      message:
        `not supported yet in ${account.region}: CloudFront's certificate and its expiry alarm live in ${CLOUDFRONT_REGION}, and ` +
        `the environment's alarm topic is in ${account.region} (an alarm notifies only a topic of its own region)`,
      allowed: `edge.cdn.enabled: true only in environments in ${CLOUDFRONT_REGION}`,
      fix: "set edge.cdn.enabled: false",
    });
  }
}

/** Exactly one certificate source; an existing certificate must be usable by this environment's ALB. */
function checkEdge(env: EnvironmentSettings, report: Report): void {
  const { edge, account } = env;
  if (edge.hostedZoneId === undefined && edge.certificateArn === undefined) {
    report({
      path: ["edge"],
      value: { domain: edge.domain },
      message: "no certificate source for the HTTPS listener",
      allowed: "edge.hostedZoneId (a DNS-validated certificate is created) or edge.certificateArn (an existing one)",
      fix: "add the Route 53 zone id of the domain, or the ARN of an ACM certificate covering it",
    });
  }
  if (edge.hostedZoneId !== undefined && edge.certificateArn !== undefined) {
    report({
      path: ["edge", "certificateArn"],
      value: edge.certificateArn,
      message: "ignored: with hostedZoneId the stack creates and validates its own certificate",
      allowed: "either hostedZoneId or certificateArn",
      fix: "remove edge.certificateArn, or remove edge.hostedZoneId to use the existing certificate",
    });
  }
  const match = edge.certificateArn ? ACM_CERTIFICATE_ARN.exec(edge.certificateArn) : null;
  if (match && match[1] !== account.region) {
    report({
      path: ["edge", "certificateArn"],
      value: edge.certificateArn,
      message: `certificate is in ${match[1]}, but an ALB can only use certificates of its own region ${account.region}`,
      allowed: `an ACM certificate ARN in ${account.region}`,
      fix: `request or import the certificate in ${account.region}`,
    });
  }
  if (match && match[2] !== account.id) {
    report({
      path: ["edge", "certificateArn"],
      value: edge.certificateArn,
      message: `certificate belongs to account ${match[2]}, not this environment's account ${account.id}`,
      allowed: `an ACM certificate of account ${account.id}`,
      fix: "request or import the certificate in the environment's own account",
    });
  }
  const logDelivery = logDeliveryAccountProblem(account.region);
  if (logDelivery) report(fromPrecondition(["account", "region"], logDelivery));
  checkCdn(env, report);
  edge.previewSourceCidrs.forEach((text, i) => {
    const block = parseCidr(text);
    if (!block) {
      const mistake = cidrMistake(text);
      report({
        path: ["edge", "previewSourceCidrs", i],
        value: text,
        message: mistake?.message ?? "not a valid network address",
        allowed: "an IPv4 CIDR with no host bits set",
        fix: mistake?.fix ?? "use the network address of the block",
      });
    } else if (block.prefix === 0) {
      report({
        path: ["edge", "previewSourceCidrs", i],
        value: text,
        message: "allows previews from the whole internet, which an empty list already does",
        allowed: "specific office, VPN or CI egress CIDRs",
        fix: "list your egress CIDRs, or leave the list empty to leave previews open",
      });
    }
  });
  if (edge.engineHost === edge.domain) {
    report({
      path: ["edge", "engineHost"],
      value: edge.engineHost,
      message: "same hostname as edge.domain",
      allowed: "a hostname other than edge.domain, or unset",
      fix: "remove edge.engineHost to route the engine by path on the web host",
    });
  }
}

function checkLogSearch(env: EnvironmentSettings, report: Report): void {
  const search = env.observability.logSearch;
  const path = ["observability", "logSearch"];
  const zones = zoneAwarenessProblem({ ...search, availabilityZones: env.network.availabilityZones.length });
  if (zones) report(fromPrecondition([...path, zones.prop], zones));
  if (search.dedicatedMasters && search.instanceCount < 2) {
    report({
      path: [...path, "dedicatedMasters"],
      value: search.dedicatedMasters,
      message: "dedicated masters cost more than the single data node they manage",
      allowed: "unset with one data node",
      fix: "remove dedicatedMasters or add data nodes",
    });
  }
}

function checkProduction(env: EnvironmentSettings, report: Report): void {
  if (env.tier !== "production") return;
  const need = (ok: boolean, problem: RuleProblem) => {
    if (!ok) report({ ...problem, message: `production tier: ${problem.message}` });
  };
  need(env.database.multiAz, {
    path: ["database", "multiAz"],
    value: env.database.multiAz,
    message: "the database must be Multi-AZ",
    allowed: "true",
    fix: "set database.multiAz: true",
  });
  need(env.cache.multiAz, {
    path: ["cache", "multiAz"],
    value: env.cache.multiAz,
    message: "the cache must be Multi-AZ",
    allowed: "true",
    fix: "set cache.multiAz: true and cache.replicas ≥ 1",
  });
  need(env.deletionProtection, {
    path: ["deletionProtection"],
    value: env.deletionProtection,
    message: "stateful resources must be protected from deletion",
    allowed: "true",
    fix: "set deletionProtection: true",
  });
  const zones = env.network.availabilityZones.length;
  need(zones >= 3, {
    path: ["network", "availabilityZones"],
    value: env.network.availabilityZones,
    message: `needs at least 3 availability zones, got ${zones}`,
    allowed: "3 or more zones",
    fix: "list a third zone of the region",
  });
  need(env.platform.highAvailability !== false, {
    path: ["platform", "highAvailability"],
    value: env.platform.highAvailability,
    message: "platform add-ons must run highly available (≥ 2 replicas with a PodDisruptionBudget)",
    allowed: "true or unset",
    fix: "remove platform.highAvailability or set it to true",
  });
  need(env.network.natGateways === "one-per-az", {
    path: ["network", "natGateways"],
    value: env.network.natGateways,
    message: "a single NAT gateway is a single point of failure",
    allowed: "one-per-az",
    fix: "set network.natGateways: one-per-az",
  });
  const lock = env.database.backupVaultLock;
  need(lock?.changeableForDays !== undefined, {
    path: ["database", "backupVaultLock"],
    value: lock,
    message: "backups must sit in a vault lock in compliance mode (a governance-mode lock can be lifted by any administrator)",
    allowed: "backupVaultLock with changeableForDays",
    fix: "add database.backupVaultLock with changeableForDays (days before the lock becomes immutable)",
  });
  const search = env.observability.logSearch;
  need(search.zoneAwareness, {
    path: ["observability", "logSearch", "zoneAwareness"],
    value: search.zoneAwareness,
    message: "the log search domain must survive a zone outage",
    allowed: "true",
    fix: "set observability.logSearch.zoneAwareness: true with instanceCount a multiple of the zones",
  });
  need(search.dedicatedMasters !== undefined, {
    path: ["observability", "logSearch", "dedicatedMasters"],
    value: search.dedicatedMasters,
    message: "the log search domain needs dedicated masters so a busy data node cannot stall the cluster",
    allowed: "{ instanceType, count: 3 }",
    fix: "add observability.logSearch.dedicatedMasters: { instanceType: m7g.large.search, count: 3 }",
  });
  need(env.observability.alarmSubscriptions.length > 0, {
    path: ["observability", "alarmSubscriptions"],
    value: env.observability.alarmSubscriptions,
    message: "alarms must reach someone",
    allowed: "at least one email or https subscription",
    fix: "add the on-call address or pager endpoint to observability.alarmSubscriptions",
  });
}

/** The smallest autoscaling ceiling that leaves STORAGE_CEILING_MIN_HEADROOM_PERCENT above the allocation. */
export function minimumStorageCeilingGiB(allocatedStorageGiB: number): number {
  // Integer arithmetic: 200 × 1.26 is 252.00000000000003 in floating point.
  return Math.ceil((allocatedStorageGiB * (100 + STORAGE_CEILING_MIN_HEADROOM_PERCENT)) / 100);
}
