import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbInstanceAutomatedBackupsReplication } from "@cdktf/provider-aws/lib/db-instance-automated-backups-replication";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { POSTGRES_PORT } from "../network/security-groups";
import type { EncryptionKey } from "../secrets/encryption-key";
import { DatabaseAlarms } from "./database-alarms";
import { DatabaseBackup, type VaultLock } from "./database-backup";
import {
  DEFAULT_DATABASE_BACKUP_WINDOW,
  DEFAULT_DATABASE_MAINTENANCE_WINDOW,
  DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  type MinorVersionUpgrades,
} from "./defaults";
import { checkPreconditions } from "../validation";
import { engineVersionProblem } from "./engine-version";
import { dbInstanceClassProblem, dbInstanceClassSpec } from "./instance-classes";
import { InstanceLogGroups, POSTGRES_LOG_EXPORTS } from "./instance-log-groups";
import { EnhancedMonitoringRole } from "./monitoring-role";
import { PostgresParameterGroup } from "./parameter-group";

/** Name of the application database created with the instance. */
export const DEFAULT_DATABASE_NAME = "sparki";

/**
 * The IAM-authenticated database user a workload connects as (`rds-db:connect` on exactly this
 * user). The role is created once in PostgreSQL with `CREATE ROLE … LOGIN; GRANT rds_iam TO …`.
 */
export const ENGINE_DATABASE_USER = "sparki_engine";

/**
 * Lets a role sign IAM authentication tokens for one database user of one instance (and its
 * replicas, which share nothing: each has its own resource id, so pass every id to cover them).
 * @param resourceIds DbiResourceIds (`db-…`), for example from the core stack's outputs
 */
export function databaseConnectStatement(props: {
  region: string;
  accountId: string;
  resourceIds: readonly string[];
  user: string;
}): Record<string, unknown> {
  return {
    Sid: "ConnectAsDatabaseUser",
    Effect: "Allow",
    Action: "rds-db:connect",
    Resource: props.resourceIds.map((id) => `arn:aws:rds-db:${props.region}:${props.accountId}:dbuser:${id}/${props.user}`),
  };
}
/** Master user; its password is generated and kept in Secrets Manager by RDS. */
export const DEFAULT_MASTER_USERNAME = "sparki_admin";
/**
 * Days between rotations of the RDS-managed master password (RDS's own default, made explicit):
 * nothing connects with it day to day (workloads use IAM authentication), so rotating often costs
 * nothing and bounds how long a leaked copy stays useful.
 */
export const MASTER_PASSWORD_ROTATION_DAYS = 7;
/** Seconds between Enhanced Monitoring samples: the cheapest interval that still shows per-minute OS load. */
export const ENHANCED_MONITORING_INTERVAL_SECONDS = 60;
/** RSA 2048 certificates valid until 2061, trusted by the AWS RDS global bundle. */
export const CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";

export interface DatabaseProps {
  /** Resource name prefix, for example `sparki-prod`; the primary is `<name>-postgres`. */
  readonly name: string;
  readonly accountId: string;
  /** PostgreSQL version: a major such as `17` (minor upgrades automatic) or an exact minor such as `17.7` (pinned). */
  readonly engineVersion: string;
  /** Who owns the minor version; must match the form of `engineVersion` (see `MINOR_VERSION_UPGRADE_CHOICES`). */
  readonly minorVersionUpgrades: MinorVersionUpgrades;
  /** An instance class listed in `instance-classes.ts`. */
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  /** Storage autoscaling ceiling. */
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  /** Read replicas, each in its own zone after the first. @default 0 */
  readonly readReplicas?: number;
  /** Zones of the database subnets, in order; a single-AZ primary uses the first. */
  readonly availabilityZones: readonly string[];
  readonly subnetGroupName: string;
  readonly securityGroupId: string;
  /** Encrypts storage, Performance Insights and backups. */
  readonly storageKey: EncryptionKey;
  /** Encrypts the RDS-managed master-user secret. */
  readonly secretsKey: EncryptionKey;
  /** Encrypts the exported log groups; must grant CloudWatch Logs. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** Days of automated backups (point-in-time recovery) and of AWS Backup recovery points. */
  readonly backupRetentionDays: number;
  /** @default DEFAULT_DATABASE_BACKUP_WINDOW */
  readonly backupWindow?: string;
  /** @default DEFAULT_DATABASE_MAINTENANCE_WINDOW */
  readonly maintenanceWindow?: string;
  /** @default DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS */
  readonly performanceInsightsRetentionDays?: number;
  /** RDS deletion protection and Terraform `prevent_destroy` on instances and vaults. */
  readonly deletionProtection: boolean;
  readonly alarmTopicArn: string;
  /** Replicate automated backups and copy AWS Backup recovery points to another region. @default none */
  readonly backupReplication?: { readonly provider: TerraformProvider; readonly kmsKeyArn: string };
  /** AWS Backup Vault Lock, on the vault and its copy. @default no lock */
  readonly backupVaultLock?: VaultLock;
  /** A vault in a separate backup account that also receives every recovery point. @default no cross-account copy */
  readonly backupAccountVaultArn?: string;
}

/**
 * PostgreSQL on RDS: an encrypted, private primary with RDS-managed credentials, read replicas
 * in other zones, a tuned parameter group, exported logs, alarms, and backups that are copied,
 * optionally locked, and restore-tested every week.
 */
export class Database extends Construct {
  /** Hostname of the primary (writer). */
  readonly endpoint: string;
  /** Hostnames of the read replicas. */
  readonly readerEndpoints: string[];
  readonly port = POSTGRES_PORT;
  /** ARN of the Secrets Manager secret RDS keeps the master password in. */
  readonly masterSecretArn: string;
  readonly securityGroupId: string;
  readonly identifier: string;
  readonly arn: string;
  /** DbiResourceIds of the primary and each replica: IAM database authentication is scoped to them. */
  readonly resourceIds: string[];
  /** Names of every alarm, for runbooks and dashboards. */
  readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    checkPreconditions(
      this,
      dbInstanceClassProblem(props.instanceClass),
      engineVersionProblem(props.engineVersion, props.minorVersionUpgrades),
    );
    const spec = dbInstanceClassSpec(props.instanceClass);
    const identifier = `${props.name}-postgres`;
    const preventDestroy = props.deletionProtection;
    const zones = props.availabilityZones;

    const parameters = new PostgresParameterGroup(this, "parameters", {
      name: props.name,
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
    });
    const monitoring = new EnhancedMonitoringRole(this, "monitoring-role", { name: props.name, accountId: props.accountId });
    const logGroups = (instance: string, logsId: string) =>
      new InstanceLogGroups(this, logsId, { identifier: instance, retentionDays: props.logRetentionDays, kmsKeyArn: props.logsKeyArn })
        .groups;

    // Settings every instance shares, primary and replicas alike.
    const common = {
      instanceClass: props.instanceClass,
      storageType: "gp3",
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageEncrypted: true,
      kmsKeyId: props.storageKey.arn,
      port: POSTGRES_PORT,
      vpcSecurityGroupIds: [props.securityGroupId],
      publiclyAccessible: false,
      parameterGroupName: parameters.name,
      iamDatabaseAuthenticationEnabled: true,
      // RDS owns the minor exactly when the config names only the major (see MINOR_VERSION_UPGRADE_CHOICES).
      autoMinorVersionUpgrade: props.minorVersionUpgrades === "automatic",
      caCertIdentifier: CA_CERT_IDENTIFIER,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      maintenanceWindow: props.maintenanceWindow ?? DEFAULT_DATABASE_MAINTENANCE_WINDOW,
      performanceInsightsEnabled: spec.performanceInsights,
      performanceInsightsKmsKeyId: spec.performanceInsights ? props.storageKey.arn : undefined,
      performanceInsightsRetentionPeriod: spec.performanceInsights
        ? (props.performanceInsightsRetentionDays ?? DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS)
        : undefined,
      monitoringInterval: ENHANCED_MONITORING_INTERVAL_SECONDS,
      monitoringRoleArn: monitoring.arn,
      enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
      lifecycle: { preventDestroy },
    };

    const primary = new DbInstance(this, "primary", {
      ...common,
      identifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      allocatedStorage: props.allocatedStorageGiB,
      dbName: DEFAULT_DATABASE_NAME,
      username: DEFAULT_MASTER_USERNAME,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.secretsKey.arn,
      dbSubnetGroupName: props.subnetGroupName,
      multiAz: props.multiAz,
      // A Multi-AZ primary may run in any zone; a single-AZ one stays in the first.
      availabilityZone: props.multiAz ? undefined : zones[0],
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: props.backupWindow ?? DEFAULT_DATABASE_BACKUP_WINDOW,
      // Protected: a final snapshot on delete, and automated backups kept after it, so deleting
      // the primary never wipes point-in-time recovery at once. Unprotected (disposable): neither,
      // so a teardown followed by a rebuild and a second teardown does not trip over a fixed name.
      skipFinalSnapshot: !props.deletionProtection,
      finalSnapshotIdentifier: props.deletionProtection ? `${identifier}-final` : undefined,
      deleteAutomatedBackups: !props.deletionProtection,
      dependsOn: logGroups(identifier, "primary-logs"),
    });
    // RDS rotates its managed secret itself (no Lambda); this sets the schedule.
    new SecretsmanagerSecretRotation(this, "master-password-rotation", {
      secretId: primary.masterUserSecret.get(0).secretArn,
      rotationRules: { automaticallyAfterDays: MASTER_PASSWORD_ROTATION_DAYS },
      rotateImmediately: false,
    });
    this.addAlarms("primary-alarms", identifier, primary.arn, spec, parameters.tuning.maxConnections, props, false);

    const replicas = Array.from({ length: props.readReplicas ?? 0 }, (_, i) => {
      const replicaId = `${identifier}-replica-${i + 1}`;
      const replica = new DbInstance(this, `replica-${i + 1}`, {
        ...common,
        identifier: replicaId,
        replicateSourceDb: primary.identifier,
        availabilityZone: zones[(i + 1) % zones.length],
        multiAz: false,
        // RDS cannot take a final snapshot of a replica; the primary's final snapshot covers its data.
        skipFinalSnapshot: true,
        dependsOn: logGroups(replicaId, `replica-${i + 1}-logs`),
      });
      this.addAlarms(`replica-${i + 1}-alarms`, replicaId, replica.arn, spec, parameters.tuning.maxConnections, props, true);
      return replica;
    });

    if (props.backupReplication) {
      new DbInstanceAutomatedBackupsReplication(this, "backup-replication", {
        provider: props.backupReplication.provider,
        sourceDbInstanceArn: primary.arn,
        kmsKeyId: props.backupReplication.kmsKeyArn,
        retentionPeriod: props.backupRetentionDays,
      });
    }
    new DatabaseBackup(this, "backup", {
      name: props.name,
      accountId: props.accountId,
      copyToAccountVaultArn: props.backupAccountVaultArn,
      databaseArn: primary.arn,
      kmsKeyArn: props.storageKey.arn,
      retentionDays: props.backupRetentionDays,
      databaseBackupWindow: props.backupWindow ?? DEFAULT_DATABASE_BACKUP_WINDOW,
      subnetGroupName: props.subnetGroupName,
      securityGroupId: props.securityGroupId,
      alarmTopicArn: props.alarmTopicArn,
      vaultLock: props.backupVaultLock,
      copyTo: props.backupReplication,
      preventDestroy,
    });

    this.endpoint = primary.address;
    this.readerEndpoints = replicas.map((r) => r.address);
    this.masterSecretArn = primary.masterUserSecret.get(0).secretArn;
    this.securityGroupId = props.securityGroupId;
    this.identifier = identifier;
    this.arn = primary.arn;
    this.resourceIds = [primary.resourceId, ...replicas.map((r) => r.resourceId)];
  }

  private addAlarms(
    id: string,
    identifier: string,
    instanceArn: string,
    spec: ReturnType<typeof dbInstanceClassSpec>,
    maxConnections: number,
    props: DatabaseProps,
    replica: boolean,
  ): void {
    const alarms = new DatabaseAlarms(this, id, {
      identifier,
      instanceClass: spec,
      maxConnections,
      allocatedStorageGiB: props.allocatedStorageGiB,
      instanceArn,
      replica,
      topicArn: props.alarmTopicArn,
    });
    this.alarmNames.push(...alarms.names);
  }
}
