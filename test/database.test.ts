import { describe, expect, it } from "vitest";
import { windowsOverlap } from "../src/config/windows";
import { CoreStack } from "../stacks/core-stack";
import { evaluate } from "./helpers/iam-eval";
import { issuesFor } from "./helpers/raw-environment";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

const jsonCache = new Map<string, TerraformJson>();
function core(name: string): TerraformJson {
  if (!jsonCache.has(name)) jsonCache.set(name, synthJson(new CoreStack(testApp(), environment(name))));
  return jsonCache.get(name)!;
}
type Body = Record<string, any>;
const ref = (type: string, name: string, attribute = "arn") => `\${${type}.${name}.${attribute}}`;
const keyFor = (json: TerraformJson, alias: string) =>
  String(bodies(json, "aws_kms_alias").find((a) => a.name === alias)!.target_key_id).replace(/^\$\{aws_kms_key\.([^.]+)\.key_id\}$/, "$1");
const primaryOf = (json: TerraformJson): [string, Body] => resourcesOf(json, "aws_db_instance").find(([, b]) => !b.replicate_source_db)!;
const replicasOf = (json: TerraformJson): Body[] => bodies(json, "aws_db_instance").filter((b) => b.replicate_source_db);
const parameters = (json: TerraformJson): Record<string, { value: string; apply_method: string }> =>
  Object.fromEntries(
    (bodies(json, "aws_db_parameter_group")[0].parameter as Body[]).map((p) => [p.name, { value: p.value, apply_method: p.apply_method }]),
  );
const alarmsOf = (json: TerraformJson, prefix: string) =>
  bodies(json, "aws_cloudwatch_metric_alarm").filter((a) => String(a.alarm_name).startsWith(prefix));

describe("Database", () => {
  it("encrypts everything with customer-managed keys and is never publicly accessible", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      const databaseKey = ref("aws_kms_key", keyFor(json, `alias/sparki-${name}-database`));
      for (const instance of bodies(json, "aws_db_instance")) {
        expect(instance).toMatchObject({
          storage_encrypted: true,
          kms_key_id: databaseKey,
          performance_insights_enabled: true,
          performance_insights_kms_key_id: databaseKey,
          publicly_accessible: false,
          iam_database_authentication_enabled: true,
          auto_minor_version_upgrade: true,
          ca_cert_identifier: "rds-ca-rsa2048-g1",
          copy_tags_to_snapshot: true,
          storage_type: "gp3",
          monitoring_interval: 60,
          enabled_cloudwatch_logs_exports: ["postgresql", "upgrade", "iam-db-auth-error"],
        });
      }
      const [, primary] = primaryOf(json);
      expect(primary.manage_master_user_password).toBe(true);
      expect(primary.master_user_secret_kms_key_id).toBe(ref("aws_kms_key", keyFor(json, `alias/sparki-${name}-secrets`)));
      expect(primary.password).toBeUndefined();
    }
  });

  it("pins the engine version, places the database in the network's subnet group and security group", () => {
    const json = core("staging");
    const [, primary] = primaryOf(json);
    const [subnetGroup] = resourcesOf(json, "aws_db_subnet_group");
    const [databaseGroup] = resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "sparki-staging-database")!;
    expect(primary).toMatchObject({
      engine: "postgres",
      engine_version: "17",
      instance_class: "db.r7g.large",
      allocated_storage: 50,
      max_allocated_storage: 200,
      db_subnet_group_name: ref("aws_db_subnet_group", subnetGroup[0], "name"),
      vpc_security_group_ids: [ref("aws_security_group", databaseGroup, "id")],
    });
  });

  it("prod database is Multi-AZ with deletion protection, final snapshot and 30-day backups", () => {
    const [, primary] = primaryOf(core("prod"));
    expect(primary).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "sparki-prod-postgres-final",
      backup_retention_period: 30,
    });
    expect(primary.availability_zone).toBeUndefined();
  });

  it("dev database is single-AZ in the first zone and can be torn down and rebuilt: no fixed final snapshot name", () => {
    const [, primary] = primaryOf(core("dev"));
    expect(primary).toMatchObject({
      multi_az: false,
      availability_zone: "us-east-1a",
      deletion_protection: false,
      skip_final_snapshot: true,
      delete_automated_backups: true,
    });
    expect(primary.final_snapshot_identifier).toBeUndefined();
    expect(replicasOf(core("dev"))).toHaveLength(0);
  });

  it("a protected database keeps its automated backups (point-in-time recovery) and takes a final snapshot when deleted", () => {
    for (const name of ["staging", "prod"]) {
      const [, primary] = primaryOf(core(name));
      // The provider's default (true) would wipe point-in-time recovery together with the instance.
      expect(primary).toMatchObject({
        delete_automated_backups: false,
        skip_final_snapshot: false,
        final_snapshot_identifier: `sparki-${name}-postgres-final`,
      });
    }
  });

  it("places read replicas of the primary in distinct zones other than the first", () => {
    const json = core("prod");
    const [primaryName] = primaryOf(json);
    const replicas = replicasOf(json);
    expect(replicas).toHaveLength(2);
    expect(replicas.map((r) => r.availability_zone)).toEqual(["us-east-1b", "us-east-1c"]);
    for (const replica of replicas) {
      expect(replica.replicate_source_db).toBe(ref("aws_db_instance", primaryName, "identifier"));
      expect(replica.multi_az).toBe(false);
      expect(replica.username).toBeUndefined();
    }
    expect(replicasOf(core("staging")).map((r) => r.availability_zone)).toEqual(["us-east-1b"]);
  });

  it("tunes PostgreSQL from the instance class (hand-computed for db.t4g.medium and db.r7g.xlarge)", () => {
    // db.t4g.medium: 4 GiB, 2 vCPU. shared_buffers 25% = 1 GiB = 131072 pages of 8 KiB;
    // effective_cache_size 75% = 3 GiB = 393216 pages; max_connections = 4096 MiB / 4 / 10 MiB = 102;
    // work_mem = 1 GiB (1048576 KiB) / 102 = 10280 KiB; maintenance_work_mem = 4 GiB / 16 = 262144 KiB.
    expect(parameters(core("dev"))).toMatchObject({
      shared_buffers: { value: "131072", apply_method: "pending-reboot" },
      effective_cache_size: { value: "393216" },
      max_connections: { value: "102", apply_method: "pending-reboot" },
      work_mem: { value: "10280" },
      maintenance_work_mem: { value: "262144" },
      max_parallel_workers_per_gather: { value: "1" },
    });
    // db.r7g.xlarge: 32 GiB, 4 vCPU. shared_buffers 8 GiB = 1048576 pages; effective_cache_size
    // 24 GiB = 3145728 pages; max_connections = 32768 / 4 / 10 = 819; work_mem = 8388608 / 819 = 10242;
    // maintenance_work_mem = 32 GiB / 16 = 2 GiB = 2097152 KiB (exactly the cap).
    expect(parameters(core("prod"))).toMatchObject({
      shared_buffers: { value: "1048576" },
      effective_cache_size: { value: "3145728" },
      max_connections: { value: "819" },
      work_mem: { value: "10242" },
      maintenance_work_mem: { value: "2097152" },
      max_parallel_workers_per_gather: { value: "2" },
    });
  });

  it("forces TLS, logs slow queries and preloads pg_stat_statements at the next reboot", () => {
    expect(parameters(core("prod"))).toMatchObject({
      "rds.force_ssl": { value: "1", apply_method: "immediate" },
      log_min_duration_statement: { value: "500" },
      shared_preload_libraries: { value: "pg_stat_statements", apply_method: "pending-reboot" },
      log_connections: { value: "1" },
    });
  });

  it("names the parameter group by family with a generated suffix and replaces it create-before-destroy", () => {
    const [group] = bodies(core("prod"), "aws_db_parameter_group");
    expect(group).toMatchObject({
      family: "postgres17",
      name_prefix: "sparki-prod-postgres17-",
      lifecycle: { create_before_destroy: true },
    });
    expect(group.name).toBeUndefined();
    const [name] = resourcesOf(core("prod"), "aws_db_parameter_group")[0];
    expect(primaryOf(core("prod"))[1].parameter_group_name).toBe(ref("aws_db_parameter_group", name, "name"));
  });

  it("keeps the backup and maintenance windows apart in every environment", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const [, primary] = primaryOf(core(name));
      expect(windowsOverlap(primary.backup_window, primary.maintenance_window)).toBe(false);
    }
    // The check itself, on hand-made cases (including one that wraps past Sunday midnight).
    expect(windowsOverlap("03:00-04:00", "sun:03:30-sun:04:30")).toBe(true);
    expect(windowsOverlap("23:30-00:30", "mon:00:00-mon:00:45")).toBe(true);
    expect(windowsOverlap("23:30-00:30", "sun:23:50-mon:00:10")).toBe(true);
    expect(windowsOverlap("03:00-04:00", "sun:04:00-sun:05:00")).toBe(false);
  });

  it("rejects overlapping windows, unknown instance classes and backup replication into the same region", () => {
    expect(issuesFor("dev", (raw) => (raw.database.maintenanceWindow = "tue:03:15-tue:03:45"))).toContainEqual(
      expect.objectContaining({ path: "database.maintenanceWindow", message: expect.stringContaining("overlaps") }),
    );
    const unknown = issuesFor("dev", (raw) => (raw.database.instanceClass = "db.x9z.huge"));
    expect(unknown).toContainEqual(
      expect.objectContaining({ path: "database.instanceClass", allowed: expect.stringContaining("db.r7g.xlarge") }),
    );
    expect(issuesFor("prod", (raw) => (raw.database.backupReplicationRegion = "us-east-1"))).toContainEqual(
      expect.objectContaining({ path: "database.backupReplicationRegion" }),
    );
    expect(issuesFor("prod", (raw) => (raw.database.backupVaultLock.minRetentionDays = 31))).toContainEqual(
      expect.objectContaining({ path: "database.backupVaultLock" }),
    );
    expect(issuesFor("prod", () => undefined)).toEqual([]);
  });

  it("alarms on CPU, memory, storage, connections and latency of every instance, and on replica lag", () => {
    const json = core("prod");
    const topic = `\${aws_sns_topic.${resourcesOf(json, "aws_sns_topic")[0][0]}.arn}`;
    const primary = Object.fromEntries(
      alarmsOf(json, "sparki-prod-postgres-")
        .filter((a) => !String(a.alarm_name).includes("replica"))
        .map((a) => [a.alarm_name, a]),
    );
    expect(Object.keys(primary).sort()).toEqual(
      ["connections-high", "cpu-high", "free-storage-low", "freeable-memory-low", "read-latency-high", "write-latency-high"].map(
        (n) => `sparki-prod-postgres-${n}`,
      ),
    );
    // 80% of max_connections 819; 10% of 32 GiB; 5% of the 200 GiB allocated.
    expect(primary["sparki-prod-postgres-connections-high"]).toMatchObject({ threshold: 655, comparison_operator: "GreaterThanThreshold" });
    expect(primary["sparki-prod-postgres-freeable-memory-low"]).toMatchObject({
      threshold: 3435973837,
      comparison_operator: "LessThanThreshold",
    });
    expect(primary["sparki-prod-postgres-free-storage-low"].threshold).toBe(10737418240);
    expect(primary["sparki-prod-postgres-cpu-high"].threshold).toBe(80);
    for (const alarm of alarmsOf(json, "sparki-prod-postgres")) {
      expect(alarm.alarm_actions).toEqual([topic]);
      expect(alarm.ok_actions).toEqual([topic]);
      expect(alarm.namespace).toBe("AWS/RDS");
    }
    for (const n of [1, 2]) {
      const lag = alarmsOf(json, `sparki-prod-postgres-replica-${n}-replica-lag-high`);
      expect(lag).toHaveLength(1);
      expect(lag[0]).toMatchObject({
        metric_name: "ReplicaLag",
        threshold: 30,
        dimensions: { DBInstanceIdentifier: `sparki-prod-postgres-replica-${n}` },
      });
    }
    // Burstable dev class: connection threshold 80% of 102, plus a CPU credit alarm (2 vCPU × 60 minutes).
    expect(alarmsOf(core("dev"), "sparki-dev-postgres-connections-high")[0].threshold).toBe(81);
    expect(alarmsOf(core("dev"), "sparki-dev-postgres-cpu-credits-low")[0].threshold).toBe(120);
    expect(alarmsOf(json, "sparki-prod-postgres-cpu-credits-low")).toHaveLength(0);
  });

  it("names the major version when RDS owns the minor, and an exact listed minor with automatic upgrades off when pinned", () => {
    // automatic (every environment): engine_version "17" and auto upgrades on, primary and replicas alike.
    for (const instance of bodies(core("prod"), "aws_db_instance")) expect(instance.auto_minor_version_upgrade).toBe(true);
    expect(primaryOf(core("prod"))[1].engine_version).toBe("17");
    expect(bodies(core("prod"), "aws_db_parameter_group")[0].family).toBe("postgres17");
    // pinned: the exact minor, no automatic upgrades.
    const pinned = {
      ...environment("staging"),
      database: { ...environment("staging").database, engineVersion: "17.7", minorVersionUpgrades: "pinned" as const },
    };
    const json = synthJson(new CoreStack(testApp(), pinned));
    expect(primaryOf(json)[1]).toMatchObject({ engine_version: "17.7", auto_minor_version_upgrade: false });
    expect(bodies(json, "aws_db_parameter_group")[0].family).toBe("postgres17");
  });

  it("refuses an exact minor with automatic upgrades (the next plan would downgrade) and an unlisted pinned minor", () => {
    expect(issuesFor("prod", (raw) => (raw.database.engineVersion = "17.5"))).toContainEqual(
      expect.objectContaining({ path: "database.engineVersion", allowed: expect.stringContaining("the major version alone (17)") }),
    );
    expect(issuesFor("prod", (raw) => Object.assign(raw.database, { engineVersion: "17", minorVersionUpgrades: "pinned" }))).toContainEqual(
      expect.objectContaining({ path: "database.engineVersion", allowed: expect.stringContaining("17.7") }),
    );
    expect(
      issuesFor("prod", (raw) => Object.assign(raw.database, { engineVersion: "17.3", minorVersionUpgrades: "pinned" })),
    ).toContainEqual(expect.objectContaining({ path: "database.engineVersion" }));
    expect(issuesFor("prod", (raw) => Object.assign(raw.database, { engineVersion: "17.7", minorVersionUpgrades: "pinned" }))).toEqual([]);
    expect(issuesFor("prod", (raw) => delete raw.database.minorVersionUpgrades)).toContainEqual(
      expect.objectContaining({ path: "database.minorVersionUpgrades" }),
    );
    expect(issuesFor("prod", (raw) => (raw.database.engineVersion = "14"))).toContainEqual(
      expect.objectContaining({ path: "database.engineVersion" }),
    );
  });

  it("rotates the RDS-managed master password on an explicit schedule, without a Lambda", () => {
    const json = core("prod");
    const [primaryName] = primaryOf(json);
    const rotations = bodies(json, "aws_secretsmanager_secret_rotation");
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toMatchObject({
      secret_id: `\${aws_db_instance.${primaryName}.master_user_secret[0].secret_arn}`,
      rotation_rules: { automatically_after_days: 7 },
      rotate_immediately: false,
    });
    expect(rotations[0].rotation_lambda_arn).toBeUndefined();
  });

  it("watches free storage below half the autoscaling trigger, and the ceiling through RDS's own events", () => {
    // Half of autoscaling's 10 % trigger at the initial size: dev 5 % of 20 GiB = 1 GiB, prod 5 % of 200 GiB = 10 GiB.
    expect(alarmsOf(core("dev"), "sparki-dev-postgres-free-storage-low")[0].threshold).toBe(1073741824);
    const json = core("prod");
    expect(alarmsOf(json, "sparki-prod-postgres-free-storage-low")[0].threshold).toBe(10737418240);
    const topic = ref("aws_sns_topic", resourcesOf(json, "aws_sns_topic")[0][0]);
    const rules = resourcesOf(json, "aws_cloudwatch_event_rule").filter(([, r]) => String(r.name).endsWith("-storage-near-ceiling"));
    // One rule per instance (primary and two replicas), each matching only its own instance's events.
    expect(rules.map(([, r]) => r.name).sort()).toEqual(
      ["sparki-prod-postgres", "sparki-prod-postgres-replica-1", "sparki-prod-postgres-replica-2"]
        .map((id) => `${id}-storage-near-ceiling`)
        .sort(),
    );
    const instanceArns = resourcesOf(json, "aws_db_instance").map(([name]) => ref("aws_db_instance", name));
    for (const [ruleName, rule] of rules) {
      const pattern = JSON.parse(String(rule.event_pattern));
      expect(pattern).toMatchObject({ source: ["aws.rds"], "detail-type": ["RDS DB Instance Event"] });
      expect(pattern.detail.EventID).toContain("RDS-EVENT-0225");
      expect(instanceArns).toContain(pattern.resources[0]);
      const targets = bodies(json, "aws_cloudwatch_event_target").filter(
        (t) => t.rule === ref("aws_cloudwatch_event_rule", ruleName, "name"),
      );
      expect(targets.map((t) => t.arn)).toEqual([topic]);
    }
    expect(new Set(rules.map(([, r]) => JSON.parse(String(r.event_pattern)).resources[0])).size).toBe(3);
  });

  it("refuses an autoscaling ceiling less than 26 % above the allocated storage", () => {
    // 200 GiB allocated: the ceiling must be at least 252 GiB.
    expect(issuesFor("prod", (raw) => (raw.database.maxAllocatedStorageGiB = 251))).toContainEqual(
      expect.objectContaining({ path: "database.maxAllocatedStorageGiB", allowed: expect.stringContaining("at least 252 GiB") }),
    );
    expect(issuesFor("prod", (raw) => (raw.database.maxAllocatedStorageGiB = 252))).toEqual([]);
    // 50 GiB: 63 GiB.
    expect(issuesFor("staging", (raw) => (raw.database.maxAllocatedStorageGiB = 62))).toContainEqual(
      expect.objectContaining({ path: "database.maxAllocatedStorageGiB" }),
    );
    expect(issuesFor("staging", (raw) => (raw.database.maxAllocatedStorageGiB = 63))).toEqual([]);
  });

  it("pre-creates encrypted log groups with retention for every instance's exports", () => {
    const json = core("prod");
    const logsKey = ref("aws_kms_key", keyFor(json, "alias/sparki-prod-logs"));
    const groups = bodies(json, "aws_cloudwatch_log_group").filter((g) => String(g.name).startsWith("/aws/rds/"));
    expect(groups.map((g) => g.name).sort()).toEqual(
      ["sparki-prod-postgres", "sparki-prod-postgres-replica-1", "sparki-prod-postgres-replica-2"]
        .flatMap((id) => ["postgresql", "upgrade", "iam-db-auth-error"].map((log) => `/aws/rds/instance/${id}/${log}`))
        .sort(),
    );
    for (const group of groups) expect(group).toMatchObject({ retention_in_days: 90, kms_key_id: logsKey });
    expect(primaryOf(json)[1].depends_on).toHaveLength(3);
  });

  it("gives Enhanced Monitoring a role only RDS monitoring can assume", () => {
    const json = core("prod");
    const [name, role] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-rds-monitoring")!;
    expect(policyOf(role, "assume_role_policy").Statement[0].Principal).toEqual({ Service: "monitoring.rds.amazonaws.com" });
    expect(bodies(json, "aws_iam_role_policy_attachment")).toContainEqual(
      expect.objectContaining({
        role: ref("aws_iam_role", name, "name"),
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
      }),
    );
    expect(primaryOf(json)[1].monitoring_role_arn).toBe(ref("aws_iam_role", name));
  });

  it("backs up to an encrypted vault, copies and locks where configured, and restore-tests the backups", () => {
    const json = core("prod");
    const [primaryName] = primaryOf(json);
    const vaults = Object.fromEntries(resourcesOf(json, "aws_backup_vault").map(([n, v]) => [v.name, { n, v }]));
    expect(vaults["sparki-prod-database"].v.kms_key_arn).toBe(ref("aws_kms_key", keyFor(json, "alias/sparki-prod-database")));
    expect(vaults["sparki-prod-database-copy"].v.provider).toBe("aws.backup_region");
    // Both vaults locked in compliance mode: the copy is only as safe as its vault.
    const locks = bodies(json, "aws_backup_vault_lock_configuration");
    expect(locks.map((l) => l.backup_vault_name).sort()).toEqual(
      [
        ref("aws_backup_vault", vaults["sparki-prod-database"].n, "name"),
        ref("aws_backup_vault", vaults["sparki-prod-database-copy"].n, "name"),
      ].sort(),
    );
    for (const lock of locks) expect(lock).toMatchObject({ min_retention_days: 7, max_retention_days: 35, changeable_for_days: 3 });
    expect(locks.find((l) => l.provider === "aws.backup_region")).toBeDefined();
    const [plan] = bodies(json, "aws_backup_plan");
    const [rule] = plan.rule as Body[];
    expect(rule).toMatchObject({ schedule: "cron(0 4 ? * * *)", lifecycle: { delete_after: 30 } });
    expect(rule.copy_action[0].destination_vault_arn).toBe(ref("aws_backup_vault", vaults["sparki-prod-database-copy"].n));
    expect(bodies(json, "aws_backup_selection")[0].resources).toEqual([ref("aws_db_instance", primaryName)]);
    const [roleName] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-backup")!;
    const attached = bodies(json, "aws_iam_role_policy_attachment")
      .filter((a) => a.role === ref("aws_iam_role", roleName, "name"))
      .map((a) => a.policy_arn);
    expect(attached.sort()).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    const [testPlan] = bodies(json, "aws_backup_restore_testing_plan");
    expect(testPlan.name).toMatch(/^[A-Za-z0-9_]+$/);
    const [selection]: Body[] = bodies(json, "aws_backup_restore_testing_selection");
    expect(selection).toMatchObject({ protected_resource_type: "RDS", protected_resource_arns: [ref("aws_db_instance", primaryName)] });
    expect(selection.restore_metadata_overrides.dbsubnetgroupname).toMatch(/aws_db_subnet_group/);
    const [replication] = bodies(json, "aws_db_instance_automated_backups_replication");
    expect(replication).toMatchObject({
      provider: "aws.backup_region",
      source_db_instance_arn: ref("aws_db_instance", primaryName),
      retention_period: 30,
    });
    expect(replication.kms_key_id).toBe(ref("aws_kms_key", keyFor(json, "alias/sparki-prod-database-copy")));
  });

  it("denies deleting recovery points of a protected environment's vaults to everyone, admins included", () => {
    const json = core("prod");
    const policies = bodies(json, "aws_backup_vault_policy");
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      const statements = policyOf(policy).Statement;
      for (const action of ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"]) {
        expect(evaluate(statements, action, "arn:aws:backup:us-east-1:333333333333:recovery-point:x")).toBe("denied");
      }
      expect(statements[0].Principal).toEqual({ AWS: "*" });
    }
    const [, trust] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-backup")!;
    expect(policyOf(trust, "assume_role_policy").Statement[0].Condition).toEqual({ StringEquals: { "aws:SourceAccount": "333333333333" } });
  });

  it("force-destroys the vaults of an unprotected environment, so destroy and re-apply work", () => {
    const json = core("dev");
    expect(bodies(json, "aws_backup_vault").map((v) => v.force_destroy)).toEqual([true]);
    expect(bodies(json, "aws_backup_vault_policy")).toHaveLength(0);
    for (const name of ["staging", "prod"])
      for (const vault of bodies(core(name), "aws_backup_vault")) expect(vault.force_destroy).toBeUndefined();
  });

  it("copies recovery points to a vault in a separate backup account when configured", () => {
    const vault = "arn:aws:backup:us-east-1:444444444444:backup-vault:sparki-prod";
    const env = { ...environment("prod"), database: { ...environment("prod").database, backupAccountVaultArn: vault } };
    const json = synthJson(new CoreStack(testApp(), env));
    const [rule] = bodies(json, "aws_backup_plan")[0].rule as Body[];
    expect(rule.copy_action.map((c: Body) => c.destination_vault_arn)).toContain(vault);
  });

  it("tells the alarm topic about failed backup, copy and restore-test jobs", () => {
    const json = core("dev");
    const [ruleName, rule] = resourcesOf(json, "aws_cloudwatch_event_rule").find(([, r]) => r.name === "sparki-dev-backup-job-failed")!;
    const pattern = JSON.parse(String(rule.event_pattern));
    expect(pattern).toMatchObject({ source: ["aws.backup"], detail: { state: expect.arrayContaining(["FAILED"]) } });
    expect(pattern["detail-type"]).toContain("Restore Job State Change");
    const [target] = bodies(json, "aws_cloudwatch_event_target").filter(
      (t) => t.rule === ref("aws_cloudwatch_event_rule", ruleName, "name"),
    );
    expect(target.arn).toBe(ref("aws_sns_topic", resourcesOf(json, "aws_sns_topic")[0][0]));
    const statements = policyOf(bodies(json, "aws_sns_topic_policy")[0]).Statement;
    expect(statements.map((st) => st.Principal.Service)).toContain("events.amazonaws.com");
  });

  it("keeps dev backups in one region, unlocked", () => {
    const json = core("dev");
    expect(bodies(json, "aws_backup_vault")).toHaveLength(1);
    expect(bodies(json, "aws_backup_vault_lock_configuration")).toHaveLength(0);
    expect(bodies(json, "aws_db_instance_automated_backups_replication")).toHaveLength(0);
    expect((bodies(json, "aws_backup_plan")[0].rule as Body[])[0].copy_action).toBeUndefined();
    expect(bodies(json, "aws_backup_restore_testing_selection")).toHaveLength(1);
  });

  it("prevents destroying instances and vaults exactly when deletionProtection is on", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = core(name);
      const expected = environment(name).deletionProtection;
      for (const type of ["aws_db_instance", "aws_backup_vault"]) {
        for (const body of bodies(json, type)) expect(body.lifecycle).toEqual({ prevent_destroy: expected });
      }
      for (const instance of bodies(json, "aws_db_instance")) expect(instance.deletion_protection).toBe(expected);
    }
  });

  it("pins the addresses of stateful database resources", () => {
    const json = core("prod");
    expect(
      resourcesOf(json, "aws_db_instance")
        .map(([n]) => n)
        .sort(),
    ).toEqual(["database_primary_D3810515", "database_replica-1_DB7774C5", "database_replica-2_58AE87AB"]);
    expect(
      resourcesOf(json, "aws_backup_vault")
        .map(([n]) => n)
        .sort(),
    ).toEqual(["database_backup_copy-vault_89EA2AA8", "database_backup_vault_250F6D77"]);
    expect(resourcesOf(json, "aws_db_parameter_group").map(([n]) => n)).toEqual(["database_parameters_group_49C0242D"]);
  });

  it("outputs the endpoints, port, master secret and security group", () => {
    const outputs = core("prod").output!;
    for (const name of [
      "database_endpoint",
      "database_reader_endpoints",
      "database_port",
      "database_master_secret_arn",
      "database_security_group_id",
    ]) {
      expect(outputs[name], name).toBeDefined();
    }
    expect(outputs.database_port.value).toBe(5432);
    expect(outputs.database_master_secret_arn.value).toMatch(/master_user_secret\[0\]\.secret_arn/);
  });
});
