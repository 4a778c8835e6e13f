import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Aspects, type IAspect } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { suppressPolicy } from "../../policy/suppressions";

/** Name of the account's permissions boundary: every role the stacks create carries it. */
export const PERMISSIONS_BOUNDARY_NAME = "sparki-permissions-boundary";
/** IAM name pattern of the CI roles (`sparki-<env>-ci-plan`, `sparki-<env>-ci-apply`). */
export const CI_ROLE_NAME_PATTERN = "sparki-*-ci-*";
/** IAM actions that can set or change what a role may do; all accept the `iam:PermissionsBoundary` condition. */
export const ROLE_PERMISSION_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePermissionsBoundary",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
] as const;

export function permissionsBoundaryArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:policy/${PERMISSIONS_BOUNDARY_NAME}`;
}

/** What the guards protect in one account. */
export interface AccountGuardsProps {
  readonly accountId: string;
  readonly stateBucketArn: string;
  readonly stateKeyArn: string;
  /** ARN of the GitHub Actions OIDC provider. */
  readonly oidcProviderArn: string;
}

/**
 * Deny statements shared by the CI apply role and the permissions boundary, so neither the role
 * nor any role it creates can lift its own limits: roles only with this boundary, never without
 * one; no change to the CI roles, the boundary, the GitHub OIDC provider or the state bucket's
 * protections and key.
 */
export function accountGuardStatements(props: AccountGuardsProps): Record<string, unknown>[] {
  const boundary = permissionsBoundaryArn(props.accountId);
  return [
    {
      Sid: "RolesOnlyWithTheBoundary",
      Effect: "Deny",
      Action: [...ROLE_PERMISSION_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    },
    { Sid: "NeverRemoveTheBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
    {
      Sid: "NoChangesToCiRolesOrTheBoundary",
      Effect: "Deny",
      NotAction: ["iam:Get*", "iam:List*"],
      Resource: [`arn:aws:iam::${props.accountId}:role/${CI_ROLE_NAME_PATTERN}`, boundary],
    },
    { Sid: "NoChangesToGithubTrust", Effect: "Deny", NotAction: ["iam:Get*", "iam:List*"], Resource: props.oidcProviderArn },
    {
      Sid: "NoChangesToStateProtection",
      Effect: "Deny",
      Action: [
        "s3:DeleteBucket",
        "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy",
        "s3:PutBucketVersioning",
        "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration",
        "s3:PutBucketPublicAccessBlock",
        "s3:PutBucketOwnershipControls",
        "s3:PutBucketLogging",
      ],
      Resource: props.stateBucketArn,
    },
    {
      Sid: "NoChangesToStateKey",
      Effect: "Deny",
      Action: [
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:DisableKey",
        "kms:DisableKeyRotation",
        "kms:CreateGrant",
        "kms:DeleteAlias",
        "kms:UpdateAlias",
      ],
      Resource: props.stateKeyArn,
    },
  ];
}

/**
 * The account's permissions boundary (`sparki-permissions-boundary`): allows what identity
 * policies grant, minus the account guards. Roles created under it can therefore not create a
 * role without it, nor touch the CI roles, the GitHub trust or the state bucket.
 */
export class PermissionsBoundary extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AccountGuardsProps) {
    super(scope, id);
    const policy = new IamPolicy(this, "policy", {
      name: PERMISSIONS_BOUNDARY_NAME,
      description: "Ceiling of every role the Sparki stacks create: no way around the CI and state guards",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AllowWhatIdentityPoliciesGrant", Effect: "Allow", Action: "*", Resource: "*" },
          ...accountGuardStatements(props),
        ],
      }),
    });
    suppressPolicy(
      policy,
      "SPK-IAM-ADMIN",
      "A permissions boundary is a ceiling, never attached as a grant: Allow *:* minus the guards lets identity policies decide",
    );
    this.arn = policy.arn;
  }
}

/** Sets the account's permissions boundary on every IAM role of a scope that has none. */
export class RequirePermissionsBoundary implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  static applyTo(scope: IConstruct, accountId: string): void {
    Aspects.of(scope).add(new RequirePermissionsBoundary(permissionsBoundaryArn(accountId)));
  }

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.boundaryArn;
  }
}
