import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/** AWS managed policies AWS Backup needs to take and to restore RDS backups. */
export const BACKUP_SERVICE_POLICY_ARNS = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
] as const;
/** Weekly restore test (UTC, Monday morning): a failure is seen at the start of a working week. */
export const DEFAULT_RESTORE_TEST_SCHEDULE = "cron(0 9 ? * MON *)";
/** Hours a backup job or restore test may wait to start before it counts as missed. */
export const START_WINDOW_HOURS = 4;
/** Hours the restored test instance is kept for validation before AWS Backup deletes it. */
export const RESTORE_VALIDATION_WINDOW_HOURS = 1;
/** Restore tests pick the newest recovery point from this many recent days. */
export const RESTORE_SELECTION_WINDOW_DAYS = 7;
/** AWS Backup job states that mean a backup, copy or (test) restore did not happen. */
export const FAILED_JOB_STATES = ["FAILED", "ABORTED", "EXPIRED"] as const;

export interface VaultLock {
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
  /** Compliance mode after this many days; omitted = governance mode. */
  readonly changeableForDays?: number;
}

/** What nobody may do to a protected vault's recovery points; expiry by the plan's lifecycle still works. */
export const PROTECTED_RECOVERY_POINT_ACTIONS = [
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:DeleteBackupVault",
] as const;

export interface DatabaseBackupProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  /** Account of the vaults; scopes the service role's trust. */
  readonly accountId: string;
  readonly databaseArn: string;
  /** Key that encrypts the vault (the database key). */
  readonly kmsKeyArn: string;
  /** Days each recovery point is kept. */
  readonly retentionDays: number;
  /** Daily automated-backup window of the database (`hh:mm-hh:mm`); AWS Backup starts after it ends. */
  readonly databaseBackupWindow: string;
  /** Where restore tests put the restored instance: the database subnets and security group. */
  readonly subnetGroupName: string;
  readonly securityGroupId: string;
  /** SNS topic told about failed backup, copy and restore(-test) jobs. */
  readonly alarmTopicArn: string;
  /** @default no lock */
  readonly vaultLock?: VaultLock;
  /** Copy every recovery point to a vault in another region. @default no copy */
  readonly copyTo?: { readonly provider: TerraformProvider; readonly kmsKeyArn: string };
  /**
   * ARN of a vault in a separate backup account that also receives every recovery point, so a
   * compromise of this account cannot reach every copy. @default no cross-account copy
   */
  readonly copyToAccountVaultArn?: string;
  /** @default DEFAULT_RESTORE_TEST_SCHEDULE */
  readonly restoreTestSchedule?: string;
  /**
   * Adds Terraform `prevent_destroy` to the vaults and denies deleting their recovery points;
   * when false the vaults are force-destroyed with their recovery points, so the environment can
   * be torn down and rebuilt. @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * Independent backups of the database in AWS Backup, and the proof that they restore: a daily
 * plan into a KMS-encrypted vault (optionally locked and copied to a second region), and a
 * restore-testing plan that restores the newest recovery point every week. A failed restore job
 * shows up in AWS Backup's restore jobs (and its EventBridge events) long before a real incident.
 */
export class DatabaseBackup extends Construct {
  readonly vaultName: string;
  readonly restoreTestingPlanName: string;
  /** EventBridge rule that reports failed jobs to the alarm topic. */
  readonly failureRuleName: string;

  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    const preventDestroy = props.preventDestroy ?? true;
    const vault = new BackupVault(this, "vault", {
      name: `${props.name}-database`,
      kmsKeyArn: props.kmsKeyArn,
      forceDestroy: preventDestroy ? undefined : true,
      lifecycle: { preventDestroy },
    });
    const copyVault = props.copyTo
      ? new BackupVault(this, "copy-vault", {
          provider: props.copyTo.provider,
          name: `${props.name}-database-copy`,
          kmsKeyArn: props.copyTo.kmsKeyArn,
          forceDestroy: preventDestroy ? undefined : true,
          lifecycle: { preventDestroy },
        })
      : undefined;
    // The copy is only as safe as its vault: lock and protect both the same way.
    for (const [suffix, target, provider] of [
      ["", vault, undefined],
      ["copy-", copyVault, props.copyTo?.provider],
    ] as const) {
      if (!target) continue;
      if (props.vaultLock) {
        new BackupVaultLockConfiguration(this, `${suffix}vault-lock`, {
          provider,
          backupVaultName: target.name,
          minRetentionDays: props.vaultLock.minRetentionDays,
          maxRetentionDays: props.vaultLock.maxRetentionDays,
          changeableForDays: props.vaultLock.changeableForDays,
        });
      }
      if (preventDestroy) {
        new BackupVaultPolicy(this, `${suffix}vault-policy`, {
          provider,
          backupVaultName: target.name,
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "NoDeletionOfRecoveryPoints",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: [...PROTECTED_RECOVERY_POINT_ACTIONS],
                Resource: "*",
              },
            ],
          }),
        });
      }
    }

    const role = new IamRole(this, "role", {
      name: `${props.name}-backup`,
      description: `AWS Backup backs up and test-restores the database of ${props.name}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Only AWS Backup acting for this account (confused-deputy protection).
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      }),
    });
    BACKUP_SERVICE_POLICY_ARNS.forEach((policyArn, i) => {
      new IamRolePolicyAttachment(this, `role-policy-${i === 0 ? "backup" : "restores"}`, { role: role.name, policyArn });
    });

    const lifecycle = { deleteAfter: props.retentionDays };
    const copyActions = [copyVault?.arn, props.copyToAccountVaultArn]
      .filter((arn) => arn !== undefined)
      .map((destinationVaultArn) => ({ destinationVaultArn, lifecycle }));
    const plan = new BackupPlan(this, "plan", {
      name: `${props.name}-database`,
      rule: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: afterWindowSchedule(props.databaseBackupWindow),
          startWindow: START_WINDOW_HOURS * 60,
          lifecycle,
          copyAction: copyActions.length > 0 ? copyActions : undefined,
        },
      ],
    });
    new BackupSelection(this, "selection", {
      name: `${props.name}-database`,
      planId: plan.id,
      iamRoleArn: role.arn,
      resources: [props.databaseArn],
    });

    // Restore-testing names allow letters, digits and underscores only.
    const testName = `${props.name}_database`.replace(/[^A-Za-z0-9_]/g, "_");
    const testPlan = new BackupRestoreTestingPlan(this, "restore-testing-plan", {
      name: testName,
      scheduleExpression: props.restoreTestSchedule ?? DEFAULT_RESTORE_TEST_SCHEDULE,
      startWindowHours: START_WINDOW_HOURS,
      recoveryPointSelection: [
        {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: [vault.arn],
          recoveryPointTypes: ["SNAPSHOT"],
          selectionWindowDays: RESTORE_SELECTION_WINDOW_DAYS,
        },
      ],
    });
    new BackupRestoreTestingSelection(this, "restore-testing-selection", {
      name: "database",
      restoreTestingPlanName: testPlan.name,
      protectedResourceType: "RDS",
      protectedResourceArns: [props.databaseArn],
      iamRoleArn: role.arn,
      validationWindowHours: RESTORE_VALIDATION_WINDOW_HOURS,
      // Without these the test restores into the default VPC, which this account does not use.
      restoreMetadataOverrides: {
        dbsubnetgroupname: props.subnetGroupName,
        vpcsecuritygroupids: JSON.stringify([props.securityGroupId]),
      },
    });

    // A restore test that fails must reach a human, not wait in a console list.
    this.failureRuleName = `${props.name}-backup-job-failed`;
    const failures = new CloudwatchEventRule(this, "job-failed-rule", {
      name: this.failureRuleName,
      description: `AWS Backup backup, copy or restore job of ${props.name} failed. Runbook: runbooks/database.md#backup-job-failed`,
      eventPattern: JSON.stringify({
        source: ["aws.backup"],
        "detail-type": ["Backup Job State Change", "Copy Job State Change", "Restore Job State Change"],
        detail: { state: FAILED_JOB_STATES },
      }),
    });
    new CloudwatchEventTarget(this, "job-failed-target", { rule: failures.name, arn: props.alarmTopicArn });
    this.vaultName = vault.name;
    this.restoreTestingPlanName = testName;
  }
}

/** A daily cron that starts on the first full hour after a `hh:mm-hh:mm` window ends, so AWS Backup never races RDS's own backup. */
export function afterWindowSchedule(window: string): string {
  const [, end] = window.split("-");
  const [hours, minutes] = end.split(":").map(Number);
  const start = (hours + (minutes > 0 ? 1 : 0)) % 24;
  return `cron(0 ${start} ? * * *)`;
}
