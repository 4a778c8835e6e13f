import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { Cache } from "../src/constructs/cache/cache";
import { Database } from "../src/constructs/database/database";
import { ciApplyRoleName } from "../src/constructs/ci/ci-roles";
import { dashboardsSignInDomainPrefix, logSearchDomainName } from "../src/constructs/logs/defaults";
import { DashboardsSignIn } from "../src/constructs/logs/dashboards-sign-in";
import { LogSearchDomain } from "../src/constructs/logs/log-search-domain";
import { Network } from "../src/constructs/network/network";
import { AlarmTopic } from "../src/constructs/observability/alarm-topic";
import { OBSERVABILITY_SECRETS } from "../src/constructs/observability/observability-secrets";
import { ApplicationSecrets } from "../src/constructs/secrets/application-secrets";
import { podIdentityRoleName, type IdentityName } from "../src/constructs/cluster/service-accounts";

/**
 * Pod Identities that read application secrets: the External Secrets Operator syncs them into the workloads' namespace;
 * web and engine may read their own directly.
 */
const SECRET_READER_IDENTITIES: readonly IdentityName[] = ["externalSecrets", "web", "engine"];
import { cloudWatchLogsGrant, EncryptionKey } from "../src/constructs/secrets/encryption-key";
import { EnvironmentStack } from "./environment-stack";

/** Outputs of the core stack other stacks read (through StackOutputs): names are API. */
export const CORE_OUTPUTS = {
  vpcId: "vpc_id",
  privateSubnetIds: "private_subnet_ids",
  publicSubnetIds: "public_subnet_ids",
  nodeSecurityGroupId: "node_security_group_id",
  logsKeyArn: "logs_kms_key_arn",
  secretsKeyArn: "secrets_kms_key_arn",
  clusterSecretsKeyArn: "cluster_secrets_kms_key_arn",
  databaseEndpoint: "database_endpoint",
  databaseReaderEndpoints: "database_reader_endpoints",
  databaseResourceIds: "database_resource_ids",
  cachePrimaryEndpoint: "cache_primary_endpoint",
  cacheUserName: "cache_user_name",
  cacheReplicationGroupArn: "cache_replication_group_arn",
  cacheUserArn: "cache_user_arn",
  alarmTopicArn: "alarm_topic_arn",
  databaseArn: "database_arn",
  openSearchEndpoint: "opensearch_endpoint",
  openSearchDomainArn: "opensearch_domain_arn",
} as const;

/**
 * `<env>-core`: the long-lived foundation of an environment: network, encryption keys,
 * application secrets, PostgreSQL, the cache, the log search domain and their alarms. Changes here are rare and reviewed.
 */
export class CoreStack extends EnvironmentStack {
  readonly network: Network;
  readonly logsKey: EncryptionKey;
  readonly secretsKey: EncryptionKey;
  readonly clusterSecretsKey: EncryptionKey;
  readonly secrets: ApplicationSecrets;
  readonly alarmTopic: AlarmTopic;
  readonly database: Database;
  readonly cache: Cache;
  readonly logSearch: LogSearchDomain;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, "core");
    const { account, network } = env;

    this.logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${this.resourcePrefix}-logs`,
      description: `Encrypts CloudWatch log groups of ${this.resourcePrefix}`,
      accountId: account.id,
      serviceGrants: [cloudWatchLogsGrant(account.region, account.id)],
      preventDestroy: env.deletionProtection,
    });

    this.network = new Network(this, "network", {
      name: this.resourcePrefix,
      region: account.region,
      accountId: account.id,
      clusterName: this.clusterName,
      availabilityZones: network.availabilityZones,
      vpcCidr: network.vpcCidr,
      subnetPrefixLength: network.subnetPrefixLength,
      natGateways: network.natGateways,
      interfaceEndpoints: network.interfaceEndpoints,
      flowLogs: { ...network.flowLogs, kmsKeyArn: this.logsKey.arn },
    });

    const protect = env.deletionProtection;
    // Losing a data key destroys the data, its snapshots and its backups at once.
    const breakGlassRoleArn = protect ? env.breakGlassRoleArn : undefined;
    const key = (id: string, purpose: string, description: string) =>
      new EncryptionKey(this, id, {
        alias: `${this.resourcePrefix}-${purpose}`,
        description: `${description} of ${this.resourcePrefix}`,
        accountId: account.id,
        preventDestroy: protect,
        breakGlassRoleArn,
      });
    // RDS, ElastiCache, Secrets Manager, AWS Backup and EKS use these keys on behalf of IAM
    // principals of the account (through grants), so the root statement is all their policies need.
    const databaseKey = key("database-key", "database", "Encrypts PostgreSQL storage, snapshots and Performance Insights");
    const cacheKey = key("cache-key", "cache", "Encrypts cache data at rest and snapshots");
    this.secretsKey = key("secrets-key", "secrets", "Encrypts Secrets Manager secrets");
    this.clusterSecretsKey = key("cluster-secrets-key", "cluster-secrets", "Envelope-encrypts Kubernetes secrets");

    const role = (name: string) => `arn:aws:iam::${account.id}:role/${name}`;
    // The cluster stack creates these roles under deterministic names, so core can name them first.
    const administratorRoleArns = [
      role(ciApplyRoleName(env.name)),
      ...(env.breakGlassRoleArn ? [env.breakGlassRoleArn] : []),
      ...env.cluster.adminRoleArns,
    ];
    this.secrets = new ApplicationSecrets(this, "app-secrets", {
      prefix: this.resourcePrefix,
      region: account.region,
      key: this.secretsKey,
      preventDestroy: protect,
      access: {
        readerRoleArns: SECRET_READER_IDENTITIES.map((identity) => role(podIdentityRoleName(this.resourcePrefix, identity))),
        administratorRoleArns,
      },
    });
    // Grafana's admin password and Alertmanager's receiver keys, read by `<env>-observability`.
    const observabilitySecrets = new ApplicationSecrets(this, "observability-secrets", {
      prefix: this.resourcePrefix,
      region: account.region,
      key: this.secretsKey,
      secrets: OBSERVABILITY_SECRETS,
      preventDestroy: protect,
      // Only the External Secrets Operator reads them (into the observability namespace).
      access: { readerRoleArns: [role(podIdentityRoleName(this.resourcePrefix, "externalSecrets"))], administratorRoleArns },
    });
    this.alarmTopic = new AlarmTopic(this, "alarm-topic", {
      name: this.resourcePrefix,
      region: account.region,
      accountId: account.id,
      preventDestroy: protect,
      subscriptions: env.observability.alarmSubscriptions,
    });

    const { database, cache, observability } = env;
    const backupReplication = database.backupReplicationRegion ? this.backupRegion(database.backupReplicationRegion) : undefined;

    this.database = new Database(this, "database", {
      name: this.resourcePrefix,
      accountId: account.id,
      engineVersion: database.engineVersion,
      minorVersionUpgrades: database.minorVersionUpgrades,
      instanceClass: database.instanceClass,
      allocatedStorageGiB: database.allocatedStorageGiB,
      maxAllocatedStorageGiB: database.maxAllocatedStorageGiB,
      multiAz: database.multiAz,
      readReplicas: database.readReplicas,
      availabilityZones: network.availabilityZones,
      subnetGroupName: this.network.dbSubnetGroupName,
      securityGroupId: this.network.securityGroups.databaseId,
      storageKey: databaseKey,
      secretsKey: this.secretsKey,
      logsKeyArn: this.logsKey.arn,
      logRetentionDays: observability.logRetentionDays,
      backupRetentionDays: database.backupRetentionDays,
      backupWindow: database.backupWindow,
      maintenanceWindow: database.maintenanceWindow,
      performanceInsightsRetentionDays: database.performanceInsightsRetentionDays,
      deletionProtection: protect,
      alarmTopicArn: this.alarmTopic.arn,
      backupReplication,
      backupVaultLock: database.backupVaultLock,
      backupAccountVaultArn: database.backupAccountVaultArn,
    });

    this.cache = new Cache(this, "cache", {
      name: this.resourcePrefix,
      engine: cache.engine,
      engineVersion: cache.engineVersion,
      nodeType: cache.nodeType,
      replicas: cache.replicas,
      multiAz: cache.multiAz,
      availabilityZones: network.availabilityZones,
      subnetGroupName: this.network.cacheSubnetGroupName,
      securityGroupId: this.network.securityGroups.cacheId,
      kmsKeyArn: cacheKey.arn,
      logsKeyArn: this.logsKey.arn,
      logRetentionDays: observability.logRetentionDays,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      snapshotWindow: cache.snapshotWindow,
      maintenanceWindow: cache.maintenanceWindow,
      deletionProtection: protect,
      alarmTopicArn: this.alarmTopic.arn,
    });

    const search = observability.logSearch;
    const searchName = logSearchDomainName(this.resourcePrefix);
    const signIn = search.dashboardsSignIn
      ? new DashboardsSignIn(this, "dashboards-sign-in", {
          domainName: searchName,
          domainArn: `arn:aws:es:${account.region}:${account.id}:domain/${searchName}`,
          domainPrefix: dashboardsSignInDomainPrefix(this.resourcePrefix, account.id),
          deletionProtection: protect,
        })
      : undefined;
    this.logSearch = new LogSearchDomain(this, "log-search", {
      domainName: searchName,
      region: account.region,
      accountId: account.id,
      vpcId: this.network.vpcId,
      subnetIds: this.network.databaseSubnetIds,
      availabilityZones: network.availabilityZones.length,
      nodeSecurityGroupId: this.network.securityGroups.nodesId,
      instanceType: search.instanceType,
      instanceCount: search.instanceCount,
      dedicatedMasters: search.dedicatedMasters,
      zoneAwareness: search.zoneAwareness,
      volumeGiB: search.volumeGiB,
      kmsKeyArn: key("logs-search-key", "logs-search", "Encrypts the log search domain's indices and snapshots").arn,
      masterRoleArn: search.masterRoleArn ?? `arn:aws:iam::${account.id}:role/${ciApplyRoleName(env.name)}`,
      logsKeyArn: this.logsKey.arn,
      logRetentionDays: observability.logRetentionDays,
      preventDestroy: protect,
      alarmTopicArn: this.alarmTopic.arn,
      cognito: signIn && {
        userPoolId: signIn.userPoolId,
        identityPoolId: signIn.identityPoolId,
        roleArn: signIn.cognitoAccessRoleArn,
        dependsOn: signIn.ready,
      },
    });

    const output = (id: string, value: string | string[] | number | Record<string, string>, description: string) =>
      new TerraformOutput(this, id, { value, description });
    output(CORE_OUTPUTS.vpcId, this.network.vpcId, "VPC of the environment");
    output(CORE_OUTPUTS.privateSubnetIds, this.network.privateSubnetIds, "Subnets for EKS nodes and pods, one per zone");
    output(CORE_OUTPUTS.publicSubnetIds, this.network.publicSubnetIds, "Subnets for internet-facing load balancers");
    output("database_subnet_ids", this.network.databaseSubnetIds, "Isolated subnets for data stores");
    output(CORE_OUTPUTS.nodeSecurityGroupId, this.network.securityGroups.nodesId, "Security group for EKS nodes");
    output(CORE_OUTPUTS.logsKeyArn, this.logsKey.arn, "KMS key for CloudWatch log groups");
    output(CORE_OUTPUTS.secretsKeyArn, this.secretsKey.arn, "KMS key of the application secrets");
    output(CORE_OUTPUTS.clusterSecretsKeyArn, this.clusterSecretsKey.arn, "KMS key for EKS envelope encryption of Kubernetes secrets");
    output("application_secret_arns", this.secrets.arns, "Secrets Manager ARNs of the application secrets, by id");
    output(
      "observability_secret_arns",
      observabilitySecrets.arns,
      "Secrets Manager ARNs of Grafana's admin password and Alertmanager's receiver keys, by id",
    );
    output(CORE_OUTPUTS.alarmTopicArn, this.alarmTopic.arn, "SNS topic every alarm notifies");
    output(CORE_OUTPUTS.databaseEndpoint, this.database.endpoint, "PostgreSQL writer hostname");
    output(CORE_OUTPUTS.databaseReaderEndpoints, this.database.readerEndpoints, "PostgreSQL read-replica hostnames");
    output(
      CORE_OUTPUTS.databaseResourceIds,
      this.database.resourceIds,
      "DbiResourceIds of the primary and replicas (scope of rds-db:connect)",
    );
    output("database_port", this.database.port, "PostgreSQL port");
    output(CORE_OUTPUTS.databaseArn, this.database.arn, "ARN of the PostgreSQL primary (fault-injection target)");
    output("database_master_secret_arn", this.database.masterSecretArn, "Secret holding the RDS-managed master credentials");
    output("database_security_group_id", this.database.securityGroupId, "Security group of the database");
    output(CORE_OUTPUTS.cachePrimaryEndpoint, this.cache.primaryEndpoint, "Cache primary hostname (TLS)");
    output("cache_reader_endpoint", this.cache.readerEndpoint, "Cache reader hostname (TLS)");
    output("cache_port", this.cache.port, "Cache port");
    output(CORE_OUTPUTS.cacheUserName, this.cache.userName, "RBAC user the application connects as, with an IAM auth token");
    output(CORE_OUTPUTS.cacheReplicationGroupArn, this.cache.replicationGroupArn, "Replication group ARN (scope of elasticache:Connect)");
    output(CORE_OUTPUTS.cacheUserArn, this.cache.userArn, "ARN of the application's cache user (scope of elasticache:Connect)");
    output("cache_security_group_id", this.cache.securityGroupId, "Security group of the cache");
    output(
      CORE_OUTPUTS.openSearchEndpoint,
      this.logSearch.endpoint,
      "VPC hostname of the log search domain (HTTPS, SigV4; Dashboards at /_dashboards)",
    );
    output(CORE_OUTPUTS.openSearchDomainArn, this.logSearch.arn, "ARN of the log search domain (scope of es:ESHttp* grants)");
    if (signIn) {
      output("dashboards_user_pool_id", signIn.userPoolId, "Cognito user pool of Dashboards users (admin-create-user)");
      output(
        "dashboards_authenticated_role_arn",
        signIn.authenticatedRoleArn,
        "IAM role of signed-in Dashboards users: map it to opensearch_dashboards_user and readall",
      );
      output("dashboards_sign_in_domain", signIn.domainPrefix, "Cognito prefix domain of the Dashboards sign-in page");
    }
  }

  /** The provider and key of the region that keeps copies of the database backups. */
  private backupRegion(region: string): { provider: AwsProvider; kmsKeyArn: string } {
    const provider = this.regionalProvider("aws-backup-region", "backup_region", region);
    const copyKey = new EncryptionKey(this, "database-copy-key", {
      alias: `${this.resourcePrefix}-database-copy`,
      description: `Encrypts copies of the database backups of ${this.resourcePrefix} in ${region}`,
      accountId: this.env.account.id,
      preventDestroy: this.env.deletionProtection,
      breakGlassRoleArn: this.env.deletionProtection ? this.env.breakGlassRoleArn : undefined,
      provider,
    });
    return { provider, kmsKeyArn: copyKey.arn };
  }
}
