import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { drillInstancePrefix, drillRestoreRoleName, drillVaultName } from "../../pipeline/dr-drill";
import { accountGuardStatements } from "./permissions-boundary";
import { ciRoleName } from "./role-names";

/** Plans are short; applies include EKS and Multi-AZ RDS creation (up to an hour each). */
export const PLAN_SESSION_SECONDS = 3600;
export const APPLY_SESSION_SECONDS = 4 * 3600;
/** The drill waits at most 150 min for a restore (`MAX_WAIT_MINUTES`), then checks and deletes. */
export const DRILL_SESSION_SECONDS = 3 * 3600;

/** The reusable workflow that applies, as its path in the repository; the apply role trusts only it, on main. */
export const DEPLOY_WORKFLOW = ".github/workflows/terraform-environment.yml";
export const DEPLOY_BRANCH_REF = "refs/heads/main";
/** The disaster-recovery drill workflow; the drill role trusts only it, on main. */
export const DRILL_WORKFLOW = ".github/workflows/dr-drill.yml";

/**
 * OIDC subjects the roles trust. AWS cannot condition on GitHub's custom claims, so the
 * repository's subject template includes `job_workflow_ref` (set once: runbooks/bootstrap.md),
 * and the subject names the environment and the exact workflow file and ref of the job.
 */
export function ciTokenSubjects(repository: string, environment: string): { plan: string; apply: string; drill: string } {
  return {
    plan: `repo:${repository}:environment:${environment}-plan:job_workflow_ref:${repository}/.github/workflows/*`,
    apply: `repo:${repository}:environment:${environment}:job_workflow_ref:${repository}/${DEPLOY_WORKFLOW}@${DEPLOY_BRANCH_REF}`,
    drill: `repo:${repository}:environment:${environment}-drill:job_workflow_ref:${repository}/${DRILL_WORKFLOW}@${DEPLOY_BRANCH_REF}`,
  };
}

/**
 * What ReadOnlyAccess would let a plan read that a plan never needs: object contents outside the
 * state, secret and parameter values, queue messages, log events, table items, image layers and
 * decryption with any key but the state key. Pull-request code reaches this role's session, so
 * it reads configuration only.
 */
export function planDataReadDenials(stateBucketArn: string, environment: string, stateKeyArn: string): Record<string, unknown>[] {
  return [
    // Also other environments' state in a shared account: only this environment's and bootstrap's.
    {
      Sid: "NoObjectsBeyondOwnState",
      Effect: "Deny",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      NotResource: [`${stateBucketArn}/${environment}/*`, `${stateBucketArn}/bootstrap/*`],
    },
    {
      Sid: "NoDataPlaneReads",
      Effect: "Deny",
      Action: [
        "secretsmanager:GetSecretValue",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "sqs:ReceiveMessage",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
        "logs:StartQuery",
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "rds-db:connect",
        "elasticache:Connect",
      ],
      Resource: "*",
    },
    { Sid: "DecryptStateOnly", Effect: "Deny", Action: "kms:Decrypt", NotResource: [stateKeyArn] },
  ];
}

/** Name of an environment's CI apply role; other stacks name it in resource policies. */
export function ciApplyRoleName(environment: string): string {
  return ciRoleName(environment, "apply");
}

/**
 * What the drill does and nothing more: find the newest recovery point of the environment's
 * database vault, restore it with the AWS Backup service role (which creates the instance), and
 * describe and delete only instances named with the drill prefix. Region is a wildcard: the
 * names are unique per environment and the account is pinned.
 */
export function drillStatements(accountId: string, environment: string): Record<string, unknown>[] {
  const vault = `arn:aws:backup:*:${accountId}:backup-vault:${drillVaultName(environment)}`;
  return [
    {
      Sid: "FindRecoveryPoints",
      Effect: "Allow",
      Action: ["backup:ListRecoveryPointsByBackupVault", "backup:GetRecoveryPointRestoreMetadata"],
      Resource: vault,
    },
    // RDS recovery points of AWS Backup are RDS snapshots named awsbackup:*; restore jobs
    // authorize against the recovery point.
    {
      Sid: "RestoreRecoveryPoints",
      Effect: "Allow",
      Action: "backup:StartRestoreJob",
      Resource: [`arn:aws:rds:*:${accountId}:snapshot:awsbackup:*`, `arn:aws:backup:*:${accountId}:recovery-point:*`],
    },
    // DescribeRestoreJob takes no resource ARN.
    { Sid: "WatchRestoreJobs", Effect: "Allow", Action: "backup:DescribeRestoreJob", Resource: "*" },
    {
      Sid: "PassRestoreRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${accountId}:role/${drillRestoreRoleName(environment)}`,
      Condition: { StringEquals: { "iam:PassedToService": "backup.amazonaws.com" } },
    },
    {
      Sid: "CheckAndDeleteScratchInstances",
      Effect: "Allow",
      Action: ["rds:DescribeDBInstances", "rds:DeleteDBInstance"],
      Resource: `arn:aws:rds:*:${accountId}:db:${drillInstancePrefix(environment)}*`,
    },
  ];
}

export interface CiRolesProps {
  /** Environment whose stacks these roles plan and apply. */
  readonly environment: string;
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly githubRepository: string;
  readonly accountId: string;
  readonly oidcProviderArn: string;
  readonly stateBucketArn: string;
  readonly stateKeyArn: string;
}

/**
 * Three roles per environment, assumable only from GitHub Actions jobs of one repository running
 * in one GitHub environment:
 * - `sparki-<env>-ci-plan` (GitHub environment `<env>-plan`, any workflow of the repository):
 *   read-only AWS configuration access without data-plane reads (`planDataReadDenials`), reads
 *   the environment's and the bootstrap state and may only write its lock files.
 * - `sparki-<env>-ci-apply` (GitHub environment `<env>`, behind required reviewers, and only the
 *   job of `DEPLOY_WORKFLOW` as it is on main): PowerUser
 *   plus IAM limited to `sparki-*` names, and read/write of the environment's state. Every role
 *   it creates or changes must carry the account's permissions boundary, and it may not touch the
 *   CI roles, the boundary, the GitHub OIDC provider or the state bucket's protections
 *   (`accountGuardStatements`).
 * - `sparki-<env>-ci-drill` (GitHub environment `<env>-drill`, only the job of `DRILL_WORKFLOW`
 *   as it is on main): the disaster-recovery drill's restore and clean-up (`drillStatements`).
 */
export class CiRoles extends Construct {
  readonly planRoleArn: string;
  readonly applyRoleArn: string;
  readonly drillRoleArn: string;

  constructor(scope: Construct, id: string, props: CiRolesProps) {
    super(scope, id);
    const { environment, accountId } = props;
    const trust = (condition: Record<string, Record<string, string>>) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: props.oidcProviderArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: condition,
          },
        ],
      });
    const audience = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
    const subject = ciTokenSubjects(props.githubRepository, environment);
    const stateObjects = `${props.stateBucketArn}/${environment}/*`;
    const stateAccess = (write: boolean) => [
      {
        Sid: "ListState",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: props.stateBucketArn,
        Condition: { StringLike: { "s3:prefix": [`${environment}/*`] } },
      },
      { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: stateObjects },
      write
        ? { Sid: "WriteState", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: stateObjects }
        : {
            Sid: "WriteLocksOnly",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:DeleteObject"],
            Resource: `${props.stateBucketArn}/${environment}/*.tflock`,
          },
      { Sid: "UseStateKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: props.stateKeyArn },
    ];

    const plan = new IamRole(this, "plan", {
      name: ciRoleName(environment, "plan"),
      description: `GitHub Actions: read-only plans of ${environment}`,
      // Pull-request plans run from pull-request refs, so any workflow of the repository may plan.
      assumeRolePolicy: trust({ StringEquals: audience, StringLike: { "token.actions.githubusercontent.com:sub": subject.plan } }),
      maxSessionDuration: PLAN_SESSION_SECONDS,
    });
    new IamRolePolicyAttachment(this, "plan-read-only", { role: plan.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    new IamRolePolicy(this, "plan-state", {
      role: plan.id,
      name: "terraform-state",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ...stateAccess(false),
          // Pull requests plan the account's bootstrap stack too.
          { Sid: "ReadBootstrapState", Effect: "Allow", Action: "s3:GetObject", Resource: `${props.stateBucketArn}/bootstrap/*` },
          ...planDataReadDenials(props.stateBucketArn, environment, props.stateKeyArn),
        ],
      }),
    });

    const apply = new IamRole(this, "apply", {
      name: ciRoleName(environment, "apply"),
      description: `GitHub Actions: reviewed applies to ${environment}`,
      // Only the reusable deploy workflow as it is on main: not a branch, not another workflow.
      assumeRolePolicy: trust({ StringEquals: { ...audience, "token.actions.githubusercontent.com:sub": subject.apply } }),
      maxSessionDuration: APPLY_SESSION_SECONDS,
    });
    new IamRolePolicyAttachment(this, "apply-power-user", { role: apply.name, policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
    const own = (kind: string) => `arn:aws:iam::${accountId}:${kind}/sparki-*`;
    new IamRolePolicy(this, "apply-iam-and-state", {
      role: apply.id,
      name: "sparki-iam-and-terraform-state",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          // PowerUserAccess excludes IAM; the stacks only manage IAM objects named sparki-*.
          { Sid: "ManageOwnIam", Effect: "Allow", Action: "iam:*", Resource: [own("role"), own("policy"), own("instance-profile")] },
          { Sid: "PassOwnRoles", Effect: "Allow", Action: "iam:PassRole", Resource: own("role") },
          { Sid: "ReadIam", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
          {
            Sid: "ServiceLinkedRoles",
            Effect: "Allow",
            Action: "iam:CreateServiceLinkedRole",
            Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*`,
          },
          {
            Sid: "OidcProviders",
            Effect: "Allow",
            Action: ["iam:*OpenIDConnectProvider*"],
            Resource: `arn:aws:iam::${accountId}:oidc-provider/*`,
          },
          ...stateAccess(true),
          ...accountGuardStatements({
            accountId,
            stateBucketArn: props.stateBucketArn,
            stateKeyArn: props.stateKeyArn,
            oidcProviderArn: props.oidcProviderArn,
          }),
        ],
      }),
    });

    const drill = new IamRole(this, "drill", {
      name: ciRoleName(environment, "drill"),
      description: `GitHub Actions: disaster-recovery drill of ${environment} (scratch restore of the database)`,
      // Only the drill workflow as it is on main, in the environment's drill environment.
      assumeRolePolicy: trust({ StringEquals: { ...audience, "token.actions.githubusercontent.com:sub": subject.drill } }),
      maxSessionDuration: DRILL_SESSION_SECONDS,
    });
    new IamRolePolicy(this, "drill-restore", {
      role: drill.id,
      name: "scratch-restore",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: drillStatements(accountId, environment) }),
    });

    this.planRoleArn = plan.arn;
    this.applyRoleArn = apply.arn;
    this.drillRoleArn = drill.arn;
  }
}
