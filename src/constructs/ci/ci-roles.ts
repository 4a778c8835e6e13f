import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { accountGuardStatements } from "./permissions-boundary";

/** Plans are short; applies include EKS and Multi-AZ RDS creation (up to an hour each). */
export const PLAN_SESSION_SECONDS = 3600;
export const APPLY_SESSION_SECONDS = 4 * 3600;

/** Name of the role that applies an environment's stacks behind required reviewers. */
export function ciApplyRoleName(environment: string): string {
  return `sparki-${environment}-ci-apply`;
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
 * Two roles per environment, assumable only from GitHub Actions jobs of one repository running
 * in one GitHub environment:
 * - `sparki-<env>-ci-plan` (GitHub environment `<env>-plan`): read-only AWS access, reads the
 *   environment's state and may only write its lock files.
 * - `sparki-<env>-ci-apply` (GitHub environment `<env>`, behind required reviewers): PowerUser
 *   plus IAM limited to `sparki-*` names, and read/write of the environment's state. Every role
 *   it creates or changes must carry the account's permissions boundary, and it may not touch the
 *   CI roles, the boundary, the GitHub OIDC provider or the state bucket's protections
 *   (`accountGuardStatements`).
 */
export class CiRoles extends Construct {
  readonly planRoleArn: string;
  readonly applyRoleArn: string;

  constructor(scope: Construct, id: string, props: CiRolesProps) {
    super(scope, id);
    const { environment, accountId } = props;
    const trust = (githubEnvironment: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: props.oidcProviderArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": `repo:${props.githubRepository}:environment:${githubEnvironment}`,
              },
            },
          },
        ],
      });
    const stateObjects = `${props.stateBucketArn}/${environment}/*`;
    const stateAccess = (write: boolean) => [
      { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: props.stateBucketArn, Condition: { StringLike: { "s3:prefix": [`${environment}/*`] } } },
      { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: stateObjects },
      write
        ? { Sid: "WriteState", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: stateObjects }
        : { Sid: "WriteLocksOnly", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${props.stateBucketArn}/${environment}/*.tflock` },
      { Sid: "UseStateKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], Resource: props.stateKeyArn },
    ];

    const plan = new IamRole(this, "plan", {
      name: `sparki-${environment}-ci-plan`,
      description: `GitHub Actions: read-only plans of ${environment}`,
      assumeRolePolicy: trust(`${environment}-plan`),
      maxSessionDuration: PLAN_SESSION_SECONDS,
    });
    new IamRolePolicyAttachment(this, "plan-read-only", { role: plan.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    new IamRolePolicy(this, "plan-state", {
      role: plan.id,
      name: "terraform-state",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: stateAccess(false) }),
    });

    const apply = new IamRole(this, "apply", {
      name: ciApplyRoleName(environment),
      description: `GitHub Actions: reviewed applies to ${environment}`,
      assumeRolePolicy: trust(environment),
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
          { Sid: "ServiceLinkedRoles", Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: `arn:aws:iam::${accountId}:role/aws-service-role/*` },
          { Sid: "OidcProviders", Effect: "Allow", Action: ["iam:*OpenIDConnectProvider*"], Resource: `arn:aws:iam::${accountId}:oidc-provider/*` },
          ...stateAccess(true),
          ...accountGuardStatements({ accountId, stateBucketArn: props.stateBucketArn, stateKeyArn: props.stateKeyArn, oidcProviderArn: props.oidcProviderArn }),
        ],
      }),
    });

    this.planRoleArn = plan.arn;
    this.applyRoleArn = apply.arn;
  }
}
