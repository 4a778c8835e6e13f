import { CognitoIdentityPool } from "@cdktf/provider-aws/lib/cognito-identity-pool";
import { CognitoIdentityPoolRolesAttachment } from "@cdktf/provider-aws/lib/cognito-identity-pool-roles-attachment";
import { CognitoUserGroup } from "@cdktf/provider-aws/lib/cognito-user-group";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import {
  DASHBOARDS_PASSWORD_MIN_LENGTH,
  DASHBOARDS_READERS_GROUP,
  DASHBOARDS_TEMPORARY_PASSWORD_DAYS,
  DASHBOARDS_USER_POOL_TIER,
} from "./defaults";
import { signInDomainPrefixProblem } from "./sign-in-domain";
import { checkPreconditions } from "../validation";

/** AWS managed policy that lets OpenSearch Service create the app client and wire the identity pool. */
export const OPENSEARCH_COGNITO_ACCESS_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonOpenSearchServiceCognitoAccess";
/**
 * Service principals that may assume the Cognito access role: OpenSearch Service's current name
 * and its original one, which AWS's own examples and the console-made role still use. Trusting
 * both is harmless (both are OpenSearch Service) and does not depend on which one it presents.
 */
export const OPENSEARCH_SERVICE_PRINCIPALS = ["opensearchservice.amazonaws.com", "es.amazonaws.com"];
/** What Dashboards sends with a signed-in person's credentials; fine-grained access control narrows it. */
export const DASHBOARDS_HTTP_ACTIONS = [
  "es:ESHttpGet",
  "es:ESHttpHead",
  "es:ESHttpPost",
  "es:ESHttpPut",
  "es:ESHttpDelete",
  "es:ESHttpPatch",
];

export interface DashboardsSignInProps {
  /** Name of the log search domain, for example `sparki-prod-logs`; names the pools and roles. */
  readonly domainName: string;
  /** ARN of the log search domain: the only resource the authenticated role may call. */
  readonly domainArn: string;
  /** Cognito prefix domain of the sign-in page (`dashboardsSignInDomainPrefix`). */
  readonly domainPrefix: string;
  /** Deletion protection on the user pool and Terraform `prevent_destroy`: its users and MFA seeds are state. */
  readonly deletionProtection: boolean;
}

/**
 * Sign-in to OpenSearch Dashboards for people, through Amazon Cognito: a user pool where only
 * administrators create users, with TOTP MFA required and a strong password policy; its hosted
 * sign-in page; an identity pool without guest access that hands signed-in users one IAM role;
 * that role, trusted only for this identity pool's authenticated identities and allowed only HTTP
 * calls to the domain; and the role OpenSearch Service assumes to create the user pool's app client
 * and add it to the identity pool (which is why the pool's providers are left to it).
 *
 * What a signed-in person may read is decided inside OpenSearch: map `authenticatedRoleArn` to
 * `opensearch_dashboards_user` and `readall` (see the log search runbook).
 */
export class DashboardsSignIn extends Construct {
  readonly userPoolId: string;
  readonly identityPoolId: string;
  /** Role OpenSearch Service assumes to configure the pools (`cognito_options.role_arn`). */
  readonly cognitoAccessRoleArn: string;
  /** Role every signed-in person's Dashboards session uses; map it in the security plugin. */
  readonly authenticatedRoleArn: string;
  /** Prefix of `<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
  /** What the domain must wait for: the access role with its policy attached. */
  readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: DashboardsSignInProps) {
    super(scope, id);
    checkPreconditions(this, signInDomainPrefixProblem(props.domainPrefix));
    const name = props.domainName;

    const pool = new CognitoUserPool(this, "user-pool", {
      name: `${name}-dashboards`,
      userPoolTier: DASHBOARDS_USER_POOL_TIER,
      deletionProtection: props.deletionProtection ? "ACTIVE" : "INACTIVE",
      // Plain user names (OpenSearch's own walkthrough signs in by user name); e-mail carries the invitation.
      autoVerifiedAttributes: ["email"],
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      mfaConfiguration: "ON",
      softwareTokenMfaConfiguration: { enabled: true },
      passwordPolicy: {
        minimumLength: DASHBOARDS_PASSWORD_MIN_LENGTH,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: DASHBOARDS_TEMPORARY_PASSWORD_DAYS,
      },
      // Nobody resets their own password: an administrator does, so a stolen mailbox is not a way in.
      accountRecoverySetting: { recoveryMechanism: [{ name: "admin_only", priority: 1 }] },
      lifecycle: { preventDestroy: props.deletionProtection },
    });
    new CognitoUserPoolDomain(this, "domain", { domain: props.domainPrefix, userPoolId: pool.id });

    const identityPool = new CognitoIdentityPool(this, "identity-pool", {
      identityPoolName: `${name}-dashboards`,
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      // OpenSearch Service adds the user pool app client it creates as this pool's provider.
      lifecycle: { ignoreChanges: ["cognito_identity_providers"] },
    });

    const authenticated = new IamRole(this, "authenticated-role", {
      name: `${name}-dashboards-user`,
      description: `Dashboards sessions of people signed in to ${name} through Cognito`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "cognito-identity.amazonaws.com:aud": identityPool.id },
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
            },
          },
        ],
      }),
    });
    // The domain policy admits this account's principals only as far as their own policies allow.
    new IamRolePolicy(this, "authenticated-policy", {
      name: "dashboards-http",
      role: authenticated.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "DashboardsToTheDomain", Effect: "Allow", Action: DASHBOARDS_HTTP_ACTIONS, Resource: `${props.domainArn}/*` }],
      }),
    });
    new CognitoIdentityPoolRolesAttachment(this, "roles", {
      identityPoolId: identityPool.id,
      roles: { authenticated: authenticated.arn },
    });
    new CognitoUserGroup(this, "readers", {
      userPoolId: pool.id,
      name: DASHBOARDS_READERS_GROUP,
      description: "People who read logs in OpenSearch Dashboards",
      roleArn: authenticated.arn,
    });

    const access = new IamRole(this, "cognito-access-role", {
      name: `${name}-dashboards-cognito`,
      description: `Lets OpenSearch Service configure the Dashboards sign-in pools of ${name}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: OPENSEARCH_SERVICE_PRINCIPALS }, Action: "sts:AssumeRole" }],
      }),
    });
    const attachment = new IamRolePolicyAttachment(this, "cognito-access", {
      role: access.name,
      policyArn: OPENSEARCH_COGNITO_ACCESS_POLICY_ARN,
    });

    this.userPoolId = pool.id;
    this.identityPoolId = identityPool.id;
    this.cognitoAccessRoleArn = access.arn;
    this.authenticatedRoleArn = authenticated.arn;
    this.domainPrefix = props.domainPrefix;
    this.ready = [attachment];
  }
}
