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

export function crossFieldRules(env: EnvironmentSettings, ctx: z.RefinementCtx): void {
  const report = (path: Path, input: unknown, message: string, allowed: string, fix: string) =>
    ctx.addIssue({ code: "custom", path, input, message, params: { allowed, fix, value: input } });

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

type Report = (path: Path, input: unknown, message: string, allowed: string, fix: string) => void;

function checkZones(env: EnvironmentSettings, report: Report): void {
  const { region } = env.account;
  const letters = REGION_ZONE_LETTERS[region] ?? "";
  const valid = [...letters].map((l) => `${region}${l}`);
  const seen = new Set<string>();
  env.network.availabilityZones.forEach((zone, i) => {
    if (!valid.includes(zone)) {
      report(
        ["network", "availabilityZones", i],
        zone,
        `zone is not in the environment's region ${region}`,
        `zones of ${region}: ${valid.join(", ")}`,
        `replace it with a zone of ${region}, or change account.region`,
      );
    }
    if (seen.has(zone)) {
      report(["network", "availabilityZones", i], zone, "zone is listed twice", "each zone once", "remove the duplicate");
    }
    seen.add(zone);
  });
}

function checkNetwork(env: EnvironmentSettings, report: Report): void {
  const { vpcCidr, subnetPrefixLength, availabilityZones } = env.network;
  const vpc = parseCidr(vpcCidr);
  if (!vpc) {
    const mistake = cidrMistake(vpcCidr);
    report(
      ["network", "vpcCidr"],
      vpcCidr,
      mistake?.message ?? "not a valid network address",
      "an IPv4 CIDR with no host bits set, such as 10.20.0.0/16",
      mistake?.fix ?? "use the network address of the block",
    );
    return;
  }
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) {
    report(
      ["network", "vpcCidr"],
      vpcCidr,
      "VPC size outside what AWS allows",
      `a prefix from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`,
      "use a /16 to /28 block",
    );
    return;
  }
  if (!planSubnets(vpcCidr, availabilityZones.length, subnetPrefixLength)) {
    const slots = Math.max(ZONE_SLOTS, availabilityZones.length);
    report(
      ["network", "subnetPrefixLength"],
      subnetPrefixLength,
      `3 tiers × ${slots} zone slots need ${addressesNeeded(availabilityZones.length, subnetPrefixLength)} addresses, more than ` +
        `${formatCidr(vpc)} holds (${blockSize(vpc.prefix)})`,
      `subnets whose total fits inside ${formatCidr(vpc)}`,
      "use longer subnet prefixes (smaller subnets), fewer zones, or a larger network.vpcCidr",
    );
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
    report(
      ["cluster", "version"],
      version,
      `EKS standard support for ${version} ended on ${EKS_STANDARD_SUPPORT_ENDS[version]} (calendar checked ${asOf}); the ` +
        `cluster would run on extended support at six times the control-plane price`,
      supported.join(", "),
      `upgrade one minor version at a time, to ${supported[0] ?? "a supported version"}`,
    );
  } else if (!EKS_ADDON_VERSIONS[version]) {
    const pinned = Object.keys(EKS_ADDON_VERSIONS);
    report(
      ["cluster", "version"],
      version,
      `no EKS add-on versions are pinned for ${version}`,
      pinned.join(", "),
      "pick a listed version, or add its add-on versions to src/constructs/cluster/addon-versions.ts",
    );
  }
}

function checkClusterAccess(env: EnvironmentSettings, report: Report): void {
  for (const field of ["adminRoleArns", "readOnlyRoleArns"] as const) {
    (env.cluster[field] ?? []).forEach((arn, i) => {
      const account = IAM_ROLE_ARN.exec(arn)?.[1];
      if (account && account !== env.account.id) {
        report(
          ["cluster", field, i],
          arn,
          `role belongs to account ${account}, not this environment's account ${env.account.id}`,
          `roles of account ${env.account.id}`,
          "use a role of the environment's own account; people from other accounts assume that role",
        );
      }
    });
  }
  const admins = new Set(env.cluster.adminRoleArns);
  (env.cluster.readOnlyRoleArns ?? []).forEach((arn, i) => {
    if (admins.has(arn))
      report(
        ["cluster", "readOnlyRoleArns", i],
        arn,
        "role is also listed in adminRoleArns",
        "each role in one list",
        "remove it from one of the lists",
      );
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
      report(
        path,
        text,
        mistake?.message ?? "not a valid network address",
        "an IPv4 CIDR with no host bits set",
        mistake?.fix ?? "use the network address of the block",
      );
    } else if (block.prefix === 0) {
      report(
        path,
        text,
        "opens the Kubernetes API to the whole internet",
        "specific office or VPN CIDRs",
        "list your egress CIDRs, or leave the list empty for a private endpoint",
      );
    }
  });
  const names = new Set<string>();
  env.cluster.nodeGroups.forEach((group, i) => {
    const path = ["cluster", "nodeGroups", i];
    if (names.has(group.name)) {
      report([...path, "name"], group.name, "node group name is used twice", "unique names", "rename one of the groups");
    }
    names.add(group.name);
    if (group.minSize > group.desiredSize || group.desiredSize > group.maxSize) {
      report(
        path,
        { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
        "sizes are out of order",
        "minSize ≤ desiredSize ≤ maxSize",
        "raise maxSize or lower minSize so desiredSize sits between them",
      );
    }
  });
}

function checkDataStores(env: EnvironmentSettings, report: Report): void {
  const { database, cache, network } = env;
  const minimumCeiling = minimumStorageCeilingGiB(database.allocatedStorageGiB);
  if (database.maxAllocatedStorageGiB < minimumCeiling) {
    report(
      ["database", "maxAllocatedStorageGiB"],
      database.maxAllocatedStorageGiB,
      `autoscaling ceiling is less than ${STORAGE_CEILING_MIN_HEADROOM_PERCENT}% above the allocated storage: RDS would report ` +
        `it as nearly reached from the first day`,
      `at least ${minimumCeiling} GiB (allocatedStorageGiB ${database.allocatedStorageGiB} + ${STORAGE_CEILING_MIN_HEADROOM_PERCENT}%)`,
      "raise maxAllocatedStorageGiB or lower allocatedStorageGiB",
    );
  }
  checkDatabaseVersion(database, report);
  const replicaZones = network.availabilityZones.length - 1;
  if (database.readReplicas > replicaZones) {
    report(
      ["database", "readReplicas"],
      database.readReplicas,
      "more read replicas than zones to place them apart from the primary",
      `at most ${replicaZones} with ${network.availabilityZones.length} zones`,
      "lower readReplicas or add availability zones",
    );
  }
  const versions: readonly string[] = CACHE_ENGINE_VERSIONS[cache.engine];
  if (!versions.includes(cache.engineVersion)) {
    report(
      ["cache", "engineVersion"],
      cache.engineVersion,
      `not a supported ${cache.engine} version`,
      versions.join(", "),
      `pin one of ${versions.join(", ")}`,
    );
  }
  if (cache.multiAz && cache.replicas === 0) {
    report(
      ["cache", "multiAz"],
      true,
      "Multi-AZ needs automatic failover, and failover needs a replica",
      "multiAz: true only with replicas ≥ 1",
      "set cache.replicas to 1 or more, or multiAz to false",
    );
  }
  if (cache.replicas > replicaZones + 1) {
    report(
      ["cache", "replicas"],
      cache.replicas,
      "more cache replicas than zones",
      `at most ${replicaZones + 1}`,
      "lower cache.replicas or add availability zones",
    );
  }
}

/** Instance sizes the tuning knows, backup/maintenance windows, backup replication and vault lock. */
function checkDataLayer(env: EnvironmentSettings, report: Report): void {
  const { database, cache, account } = env;
  if (!DB_INSTANCE_CLASSES[database.instanceClass]) {
    report(
      ["database", "instanceClass"],
      database.instanceClass,
      "instance class unknown to the parameter tuning (memory and vCPUs drive shared_buffers, max_connections and alarm thresholds)",
      KNOWN_DB_INSTANCE_CLASSES.join(", "),
      "pick a listed class, or add the class with its memory and vCPUs to src/constructs/database/instance-classes.ts",
    );
  }
  if (!CACHE_NODE_TYPES[cache.nodeType]) {
    report(
      ["cache", "nodeType"],
      cache.nodeType,
      "node type unknown to the alarm thresholds",
      KNOWN_CACHE_NODE_TYPES.join(", "),
      "pick a listed type, or add it with its memory and vCPUs to src/constructs/cache/node-types.ts",
    );
  }
  const tooShort = (path: Path, window: string, minutes: number | undefined, min: number) => {
    if (minutes !== undefined && minutes < min)
      report(path, window, `window lasts ${minutes} minutes`, `at least ${min} minutes`, "widen the window");
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
    report(
      ["database", "maintenanceWindow"],
      database.maintenanceWindow,
      `overlaps the daily backup window ${database.backupWindow}`,
      "a weekly window outside the backup window",
      "move maintenanceWindow to hours after the backup window ends",
    );
  }
  if (windowsOverlap(cache.snapshotWindow, cache.maintenanceWindow)) {
    report(
      ["cache", "maintenanceWindow"],
      cache.maintenanceWindow,
      `overlaps the daily snapshot window ${cache.snapshotWindow}`,
      "a weekly window outside the snapshot window",
      "move maintenanceWindow to hours after the snapshot window ends",
    );
  }
  if (database.backupReplicationRegion === account.region) {
    report(
      ["database", "backupReplicationRegion"],
      database.backupReplicationRegion,
      "backups replicated into the region they come from survive no regional outage",
      `a supported region other than ${account.region}`,
      "pick another region, or remove the field",
    );
  }
  const backupAccount = /:(\d{12}):backup-vault:/.exec(database.backupAccountVaultArn ?? "")?.[1];
  if (backupAccount === account.id) {
    report(
      ["database", "backupAccountVaultArn"],
      database.backupAccountVaultArn,
      "the copy would sit in the account it is meant to survive",
      `a vault of an account other than ${account.id}`,
      "name a vault of the separate backup account, or remove the field",
    );
  }
  const lock = database.backupVaultLock;
  if (lock) {
    if (lock.minRetentionDays > lock.maxRetentionDays) {
      report(
        ["database", "backupVaultLock", "maxRetentionDays"],
        lock.maxRetentionDays,
        "maximum retention is below the minimum",
        `at least minRetentionDays (${lock.minRetentionDays})`,
        "raise maxRetentionDays or lower minRetentionDays",
      );
    }
    if (database.backupRetentionDays < lock.minRetentionDays || database.backupRetentionDays > lock.maxRetentionDays) {
      report(
        ["database", "backupVaultLock"],
        lock,
        `the locked vault would refuse backups kept ${database.backupRetentionDays} days (database.backupRetentionDays)`,
        `minRetentionDays ≤ ${database.backupRetentionDays} ≤ maxRetentionDays`,
        "adjust the lock's retention range or database.backupRetentionDays",
      );
    }
  }
}

/** The break-glass role that alone may destroy the data keys of a protected environment. */
function checkDataProtection(env: EnvironmentSettings, report: Report): void {
  const arn = env.breakGlassRoleArn;
  if (!arn) {
    if (env.deletionProtection) {
      report(
        ["breakGlassRoleArn"],
        arn,
        "deletionProtection is on, so the data keys deny deletion, disabling and policy changes to everyone but a break-glass " +
          "role, which is missing",
        "an IAM role ARN of this account, outside sparki-*",
        "create a break-glass role (see runbooks/bootstrap.md) and name it here",
      );
    }
    return;
  }
  const [, account] = IAM_ROLE_ARN.exec(arn) ?? [];
  if (account && account !== env.account.id) {
    report(
      ["breakGlassRoleArn"],
      arn,
      `role belongs to account ${account}, not this environment's account ${env.account.id}`,
      `a role of account ${env.account.id}`,
      "use a role of the environment's own account",
    );
  }
  if (/:role\/(.*\/)?sparki-/.test(arn)) {
    report(
      ["breakGlassRoleArn"],
      arn,
      "sparki-* roles are managed by the CI apply role, which could then take over the break-glass role",
      "a role whose name does not start with sparki-",
      "name the break-glass role for example break-glass",
    );
  }
}

function checkWorkloads(env: EnvironmentSettings, report: Report): void {
  for (const name of ["web", "engine"] as const) {
    const w = env.workloads[name];
    if (w.minReplicas > w.maxReplicas) {
      report(
        ["workloads", name, "maxReplicas"],
        w.maxReplicas,
        "maxReplicas is below minReplicas",
        `at least ${w.minReplicas}`,
        "raise maxReplicas or lower minReplicas",
      );
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
    report(
      ["edge", "cdn"],
      { enabled: true },
      `no certificate source for CloudFront`,
      `edge.hostedZoneId (a DNS-validated certificate is created in ${CLOUDFRONT_REGION}) or edge.cdn.certificateArn`,
      `add the ARN of an ACM certificate in ${CLOUDFRONT_REGION} covering ${edge.domain}, or set edge.cdn.enabled: false`,
    );
  }
  if (edge.hostedZoneId !== undefined && cdn.certificateArn !== undefined) {
    report(
      ["edge", "cdn", "certificateArn"],
      cdn.certificateArn,
      "ignored: with hostedZoneId the stack creates and validates CloudFront's certificate",
      "either hostedZoneId or edge.cdn.certificateArn",
      "remove edge.cdn.certificateArn",
    );
  }
  const match = cdn.certificateArn ? ACM_CERTIFICATE_ARN.exec(cdn.certificateArn) : null;
  if (match && match[1] !== CLOUDFRONT_REGION) {
    report(
      ["edge", "cdn", "certificateArn"],
      cdn.certificateArn,
      `certificate is in ${match[1]}, but CloudFront only uses certificates of ${CLOUDFRONT_REGION}`,
      `an ACM certificate ARN in ${CLOUDFRONT_REGION}`,
      `request or import the certificate in ${CLOUDFRONT_REGION}`,
    );
  }
  if (match && match[2] !== account.id) {
    report(
      ["edge", "cdn", "certificateArn"],
      cdn.certificateArn,
      `certificate belongs to account ${match[2]}, not this environment's account ${account.id}`,
      `an ACM certificate of account ${account.id}`,
      "request or import the certificate in the environment's own account",
    );
  }
  if (cdn.enabled && account.region !== CLOUDFRONT_REGION) {
    report(
      ["edge", "cdn", "enabled"],
      true,
      `not supported yet in ${account.region}: CloudFront's certificate and its expiry alarm live in ${CLOUDFRONT_REGION}, and ` +
        `the environment's alarm topic is in ${account.region} (an alarm notifies only a topic of its own region)`,
      `edge.cdn.enabled: true only in environments in ${CLOUDFRONT_REGION}`,
      "set edge.cdn.enabled: false",
    );
  }
}

/** Exactly one certificate source; an existing certificate must be usable by this environment's ALB. */
function checkEdge(env: EnvironmentSettings, report: Report): void {
  const { edge, account } = env;
  if (edge.hostedZoneId === undefined && edge.certificateArn === undefined) {
    report(
      ["edge"],
      { domain: edge.domain },
      "no certificate source for the HTTPS listener",
      "edge.hostedZoneId (a DNS-validated certificate is created) or edge.certificateArn (an existing one)",
      "add the Route 53 zone id of the domain, or the ARN of an ACM certificate covering it",
    );
  }
  if (edge.hostedZoneId !== undefined && edge.certificateArn !== undefined) {
    report(
      ["edge", "certificateArn"],
      edge.certificateArn,
      "ignored: with hostedZoneId the stack creates and validates its own certificate",
      "either hostedZoneId or certificateArn",
      "remove edge.certificateArn, or remove edge.hostedZoneId to use the existing certificate",
    );
  }
  const match = edge.certificateArn ? ACM_CERTIFICATE_ARN.exec(edge.certificateArn) : null;
  if (match && match[1] !== account.region) {
    report(
      ["edge", "certificateArn"],
      edge.certificateArn,
      `certificate is in ${match[1]}, but an ALB can only use certificates of its own region ${account.region}`,
      `an ACM certificate ARN in ${account.region}`,
      `request or import the certificate in ${account.region}`,
    );
  }
  if (match && match[2] !== account.id) {
    report(
      ["edge", "certificateArn"],
      edge.certificateArn,
      `certificate belongs to account ${match[2]}, not this environment's account ${account.id}`,
      `an ACM certificate of account ${account.id}`,
      "request or import the certificate in the environment's own account",
    );
  }
  checkCdn(env, report);
  edge.previewSourceCidrs.forEach((text, i) => {
    const block = parseCidr(text);
    if (!block) {
      const mistake = cidrMistake(text);
      report(
        ["edge", "previewSourceCidrs", i],
        text,
        mistake?.message ?? "not a valid network address",
        "an IPv4 CIDR with no host bits set",
        mistake?.fix ?? "use the network address of the block",
      );
    } else if (block.prefix === 0) {
      report(
        ["edge", "previewSourceCidrs", i],
        text,
        "allows previews from the whole internet, which an empty list already does",
        "specific office, VPN or CI egress CIDRs",
        "list your egress CIDRs, or leave the list empty to leave previews open",
      );
    }
  });
  if (edge.engineHost === edge.domain) {
    report(
      ["edge", "engineHost"],
      edge.engineHost,
      "same hostname as edge.domain",
      "a hostname other than edge.domain, or unset",
      "remove edge.engineHost to route the engine by path on the web host",
    );
  }
}

function checkLogSearch(env: EnvironmentSettings, report: Report): void {
  const search = env.observability.logSearch;
  const path = ["observability", "logSearch"];
  const zones = logSearchZoneCount(env.network.availabilityZones.length);
  if (search.zoneAwareness && zones < 2) {
    report(
      [...path, "zoneAwareness"],
      true,
      "zone awareness needs at least 2 availability zones",
      "false with one zone",
      "list a second zone in network.availabilityZones or set zoneAwareness: false",
    );
  } else if (search.zoneAwareness && search.instanceCount % zones !== 0) {
    report(
      [...path, "instanceCount"],
      search.instanceCount,
      `a zone-aware domain over ${zones} zones needs the same number of data nodes in each zone`,
      `a multiple of ${zones}`,
      `set instanceCount to ${Math.max(zones, Math.round(search.instanceCount / zones) * zones)}`,
    );
  }
  if (search.dedicatedMasters && search.instanceCount < 2) {
    report(
      [...path, "dedicatedMasters"],
      search.dedicatedMasters,
      "dedicated masters cost more than the single data node they manage",
      "unset with one data node",
      "remove dedicatedMasters or add data nodes",
    );
  }
}

function checkProduction(env: EnvironmentSettings, report: Report): void {
  if (env.tier !== "production") return;
  const need = (path: Path, input: unknown, ok: boolean, message: string, allowed: string, fix: string) => {
    if (!ok) report(path, input, `production tier: ${message}`, allowed, fix);
  };
  need(
    ["database", "multiAz"],
    env.database.multiAz,
    env.database.multiAz,
    "the database must be Multi-AZ",
    "true",
    "set database.multiAz: true",
  );
  need(
    ["cache", "multiAz"],
    env.cache.multiAz,
    env.cache.multiAz,
    "the cache must be Multi-AZ",
    "true",
    "set cache.multiAz: true and cache.replicas ≥ 1",
  );
  need(
    ["deletionProtection"],
    env.deletionProtection,
    env.deletionProtection,
    "stateful resources must be protected from deletion",
    "true",
    "set deletionProtection: true",
  );
  const zones = env.network.availabilityZones.length;
  need(
    ["network", "availabilityZones"],
    env.network.availabilityZones,
    zones >= 3,
    `needs at least 3 availability zones, got ${zones}`,
    "3 or more zones",
    "list a third zone of the region",
  );
  need(
    ["platform", "highAvailability"],
    env.platform.highAvailability,
    env.platform.highAvailability !== false,
    "platform add-ons must run highly available (≥ 2 replicas with a PodDisruptionBudget)",
    "true or unset",
    "remove platform.highAvailability or set it to true",
  );
  need(
    ["network", "natGateways"],
    env.network.natGateways,
    env.network.natGateways === "one-per-az",
    "a single NAT gateway is a single point of failure",
    "one-per-az",
    "set network.natGateways: one-per-az",
  );
  const lock = env.database.backupVaultLock;
  need(
    ["database", "backupVaultLock"],
    lock,
    lock?.changeableForDays !== undefined,
    "backups must sit in a vault lock in compliance mode (a governance-mode lock can be lifted by any administrator)",
    "backupVaultLock with changeableForDays",
    "add database.backupVaultLock with changeableForDays (days before the lock becomes immutable)",
  );
  const search = env.observability.logSearch;
  need(
    ["observability", "logSearch", "zoneAwareness"],
    search.zoneAwareness,
    search.zoneAwareness,
    "the log search domain must survive a zone outage",
    "true",
    "set observability.logSearch.zoneAwareness: true with instanceCount a multiple of the zones",
  );
  need(
    ["observability", "logSearch", "dedicatedMasters"],
    search.dedicatedMasters,
    search.dedicatedMasters !== undefined,
    "the log search domain needs dedicated masters so a busy data node cannot stall the cluster",
    "{ instanceType, count: 3 }",
    "add observability.logSearch.dedicatedMasters: { instanceType: m7g.large.search, count: 3 }",
  );
  need(
    ["observability", "alarmSubscriptions"],
    env.observability.alarmSubscriptions,
    env.observability.alarmSubscriptions.length > 0,
    "alarms must reach someone",
    "at least one email or https subscription",
    "add the on-call address or pager endpoint to observability.alarmSubscriptions",
  );
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
    report(
      ["database", "engineVersion"],
      engineVersion,
      "an exact minor with automatic minor upgrades: after RDS upgrades the minor, every plan tries a downgrade RDS refuses",
      `the major version alone (${major}) with minorVersionUpgrades: automatic, or minorVersionUpgrades: pinned`,
      `set engineVersion: "${major}", or minorVersionUpgrades: pinned`,
    );
  }
  if (minorVersionUpgrades === "pinned" && !(POSTGRES_PINNABLE_MINOR_VERSIONS as readonly string[]).includes(engineVersion)) {
    const listed = POSTGRES_PINNABLE_MINOR_VERSIONS.filter((v) => v.startsWith(`${major}.`));
    report(
      ["database", "engineVersion"],
      engineVersion,
      "not an exact PostgreSQL minor version known to be in RDS standard support",
      POSTGRES_PINNABLE_MINOR_VERSIONS.join(", "),
      listed.length > 0
        ? `pin ${listed.join(" or ")}, or use minorVersionUpgrades: automatic with engineVersion "${major}"`
        : "use minorVersionUpgrades: automatic with a major version",
    );
  }
}
