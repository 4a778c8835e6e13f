/**
 * Rules that relate one field to another. Each problem names the field to change, what is
 * allowed and how to fix it. Production's stricter requirements are rules on `tier`, never on
 * an environment's name.
 */
import type { z } from "zod";
import { CLOUDFRONT_REGION } from "../constructs/edge/defaults";
import { ACM_CERTIFICATE_ARN, CACHE_ENGINE_VERSIONS, REGION_ZONE_LETTERS, VPC_PREFIX_RANGE } from "./aws-facts";
import { EKS_STANDARD_SUPPORT_ENDS, EKS_SUPPORT_CALENDAR_CHECKED_ON, POSTGRES_PINNABLE_MINOR_VERSIONS } from "./aws-facts";
import { EKS_ADDON_VERSIONS } from "../constructs/cluster/addon-versions";
import { IAM_ROLE_ARN } from "../constructs/cluster/defaults";
import { addressesNeeded, planSubnets, ZONE_SLOTS } from "../constructs/network/subnet-plan";
import { blockSize, cidrMistake, formatCidr, parseCidr } from "./cidr";
import type { EnvironmentSettings } from "./schema";
import { CACHE_NODE_TYPES, KNOWN_CACHE_NODE_TYPES } from "../constructs/cache/node-types";
import { MIN_CACHE_MAINTENANCE_WINDOW_MINUTES } from "../constructs/cache/defaults";
import { MIN_DATABASE_WINDOW_MINUTES } from "../constructs/database/defaults";
import { STORAGE_CEILING_MIN_HEADROOM_PERCENT } from "../constructs/database/database-alarms";
import { DB_INSTANCE_CLASSES, KNOWN_DB_INSTANCE_CLASSES } from "../constructs/database/instance-classes";
import { logSearchZoneCount } from "../constructs/logs/defaults";
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
  if (!planSubnets(vpcCidr, availabilityZones.length, subnetPrefixLength)) {
    const slots = Math.max(ZONE_SLOTS, availabilityZones.length);
    report({
      path: ["network", "subnetPrefixLength"],
      value: subnetPrefixLength,
      message:
        `3 tiers × ${slots} zone slots need ${addressesNeeded(availabilityZones.length, subnetPrefixLength)} addresses, more than ` +
        `${formatCidr(vpc)} holds (${blockSize(vpc.prefix)})`,
      allowed: `subnets whose total fits inside ${formatCidr(vpc)}`,
      fix: "use longer subnet prefixes (smaller subnets), fewer zones, or a larger network.vpcCidr",
    });
  }
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
  } else if (!EKS_ADDON_VERSIONS[version]) {
    const pinned = Object.keys(EKS_ADDON_VERSIONS);
    report({
      path: ["cluster", "version"],
      value: version,
      message: `no EKS add-on versions are pinned for ${version}`,
      allowed: pinned.join(", "),
      fix: "pick a listed version, or add its add-on versions to src/constructs/cluster/addon-versions.ts",
    });
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
  checkDatabaseVersion(database, report);
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
  if (!DB_INSTANCE_CLASSES[database.instanceClass]) {
    report({
      path: ["database", "instanceClass"],
      value: database.instanceClass,
      message:
        "instance class unknown to the parameter tuning (memory and vCPUs drive shared_buffers, max_connections and alarm thresholds)",
      allowed: KNOWN_DB_INSTANCE_CLASSES.join(", "),
      fix: "pick a listed class, or add the class with its memory and vCPUs to src/constructs/database/instance-classes.ts",
    });
  }
  if (!CACHE_NODE_TYPES[cache.nodeType]) {
    report({
      path: ["cache", "nodeType"],
      value: cache.nodeType,
      message: "node type unknown to the alarm thresholds",
      allowed: KNOWN_CACHE_NODE_TYPES.join(", "),
      fix: "pick a listed type, or add it with its memory and vCPUs to src/constructs/cache/node-types.ts",
    });
  }
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
  const zones = logSearchZoneCount(env.network.availabilityZones.length);
  if (search.zoneAwareness && zones < 2) {
    report({
      path: [...path, "zoneAwareness"],
      value: true,
      message: "zone awareness needs at least 2 availability zones",
      allowed: "false with one zone",
      fix: "list a second zone in network.availabilityZones or set zoneAwareness: false",
    });
  } else if (search.zoneAwareness && search.instanceCount % zones !== 0) {
    report({
      path: [...path, "instanceCount"],
      value: search.instanceCount,
      message: `a zone-aware domain over ${zones} zones needs the same number of data nodes in each zone`,
      allowed: `a multiple of ${zones}`,
      fix: `set instanceCount to ${Math.max(zones, Math.round(search.instanceCount / zones) * zones)}`,
    });
  }
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

/**
 * The version names what its owner keeps: a major when RDS owns the minors (an exact minor would
 * be downgraded by the next plan after an automatic upgrade), an exact, listed minor when the
 * config owns it.
 */
function checkDatabaseVersion(database: EnvironmentSettings["database"], report: Report): void {
  const { engineVersion, minorVersionUpgrades } = database;
  const major = engineVersion.split(".")[0];
  if (minorVersionUpgrades === "automatic" && engineVersion !== major) {
    report({
      path: ["database", "engineVersion"],
      value: engineVersion,
      message: "an exact minor with automatic minor upgrades: after RDS upgrades the minor, every plan tries a downgrade RDS refuses",
      allowed: `the major version alone (${major}) with minorVersionUpgrades: automatic, or minorVersionUpgrades: pinned`,
      fix: `set engineVersion: "${major}", or minorVersionUpgrades: pinned`,
    });
  }
  if (minorVersionUpgrades === "pinned" && !(POSTGRES_PINNABLE_MINOR_VERSIONS as readonly string[]).includes(engineVersion)) {
    const listed = POSTGRES_PINNABLE_MINOR_VERSIONS.filter((v) => v.startsWith(`${major}.`));
    report({
      path: ["database", "engineVersion"],
      value: engineVersion,
      message: "not an exact PostgreSQL minor version known to be in RDS standard support",
      allowed: POSTGRES_PINNABLE_MINOR_VERSIONS.join(", "),
      fix:
        listed.length > 0
          ? `pin ${listed.join(" or ")}, or use minorVersionUpgrades: automatic with engineVersion "${major}"`
          : "use minorVersionUpgrades: automatic with a major version",
    });
  }
}
