import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { CiRoles } from "../src/constructs/ci/ci-roles";
import { GithubOidcProvider } from "../src/constructs/ci/github-oidc-provider";
import { PermissionsBoundary } from "../src/constructs/ci/permissions-boundary";
import { AccountServiceLinkedRoles } from "../src/constructs/ci/service-linked-roles";
import { stateBucketName, stateKey } from "../src/constructs/state/naming";
import { prepareWithoutCrossStackScan } from "../src/constructs/state/self-contained";
import { useStateBackend } from "../src/constructs/state/s3-backend";
import { StateBucket } from "../src/constructs/state/state-bucket";
import { TERRAFORM_VERSION_CONSTRAINT } from "./environment-stack";

export interface BootstrapStackProps {
  readonly accountId: string;
  /** Region of the state bucket. */
  readonly region: string;
  /** Environments whose state lives here, each with the repository that deploys it. */
  readonly environments: readonly { readonly name: string; readonly githubRepository: string }[];
  /**
   * Keep this stack's own state on local disk: for the very first apply, before the bucket
   * exists (see runbooks/bootstrap.md). @default false: state in the bucket it creates
   */
  readonly localState?: boolean;
}

/**
 * `bootstrap-<account>`: what must exist before any environment stack can plan: the state
 * bucket, and the identity CI uses (GitHub OIDC provider, the permissions boundary of every role
 * the stacks create, plan and apply roles per environment).
 */
export class BootstrapStack extends TerraformStack {
  readonly accountId: string;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, `bootstrap-${props.accountId}`);
    this.accountId = props.accountId;
    new AwsProvider(this, "aws", {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [
        {
          tags: {
            Project: "sparki",
            Environments: props.environments.map((e) => e.name).join(" "),
            Stack: "bootstrap",
            ManagedBy: "cdktf",
          },
        },
      ],
    });
    if (props.localState) {
      // Relative to the stack's working directory: the project root, outside cdktf.out/, so the
      // file survives the next synthesis (which replaces cdktf.out/) until it is pushed to S3.
      new LocalBackend(this, { path: `../../../bootstrap-${props.accountId}.tfstate` });
    } else {
      useStateBackend(this, {
        bucket: stateBucketName(props.accountId, props.region),
        key: stateKey("bootstrap", "bootstrap"),
        region: props.region,
        accountId: props.accountId,
      });
    }
    this.addOverride("terraform.required_version", TERRAFORM_VERSION_CONSTRAINT);

    const state = new StateBucket(this, "state", { accountId: props.accountId, region: props.region });
    new TerraformOutput(this, "state_bucket", { value: state.bucketName, description: "Terraform state bucket" });
    new TerraformOutput(this, "state_kms_key_arn", { value: state.kmsKeyArn, description: "Key encrypting state objects" });

    new AccountServiceLinkedRoles(this, "service-linked-roles");
    const github = new GithubOidcProvider(this, "github-oidc");
    const boundary = new PermissionsBoundary(this, "permissions-boundary", {
      accountId: props.accountId,
      stateBucketArn: state.bucketArn,
      stateKeyArn: state.kmsKeyArn,
      oidcProviderArn: github.arn,
    });
    new TerraformOutput(this, "permissions_boundary_arn", {
      value: boundary.arn,
      description: "Boundary every role of the environment stacks carries",
    });
    for (const env of props.environments) {
      const roles = new CiRoles(this, `ci-${env.name}`, {
        environment: env.name,
        githubRepository: env.githubRepository,
        accountId: props.accountId,
        oidcProviderArn: github.arn,
        stateBucketArn: state.bucketArn,
        stateKeyArn: state.kmsKeyArn,
      });
      new TerraformOutput(this, `${env.name}_plan_role_arn`, {
        value: roles.planRoleArn,
        description: `AWS_PLAN_ROLE_ARN of GitHub environment ${env.name}-plan`,
      });
      new TerraformOutput(this, `${env.name}_apply_role_arn`, {
        value: roles.applyRoleArn,
        description: `AWS_APPLY_ROLE_ARN of GitHub environment ${env.name}`,
      });
      new TerraformOutput(this, `${env.name}_drill_role_arn`, {
        value: roles.drillRoleArn,
        description: `AWS_DRILL_ROLE_ARN of GitHub environment ${env.name}-drill`,
      });
    }
  }

  /** The bootstrap stack reads nothing from other stacks. */
  override prepareStack(): void {
    prepareWithoutCrossStackScan(this);
  }
}
