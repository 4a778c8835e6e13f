import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { stateRegion } from "../src/config/load";
import type { EnvironmentConfig } from "../src/config/schema";
import { RequirePermissionsBoundary } from "../src/constructs/ci/permissions-boundary";
import { stateBucketName, stateKey } from "../src/constructs/state/naming";
import { useStateBackend } from "../src/constructs/state/s3-backend";
import { prepareWithoutCrossStackScan } from "../src/constructs/state/self-contained";

/** Terraform versions the synthesized code supports: S3 native locking needs 1.10. */
export const TERRAFORM_VERSION_CONSTRAINT = ">= 1.10.0, < 2.0.0";

/**
 * Base of every per-environment stack: the AWS provider locked to the environment's account,
 * default tags on every resource, and state in the account's state bucket under `<env>/<stack>`.
 */
export abstract class EnvironmentStack extends TerraformStack {
  /** Prefix of AWS resource names in this environment, for example `sparki-prod`. */
  readonly resourcePrefix: string;

  constructor(
    scope: Construct,
    readonly env: EnvironmentConfig,
    readonly component: string,
  ) {
    super(scope, `${env.name}-${component}`);
    this.resourcePrefix = `sparki-${env.name}`;
    new AwsProvider(this, "aws", {
      region: env.account.region,
      // Refuses to plan or apply with credentials of any other account.
      allowedAccountIds: [env.account.id],
      defaultTags: [{ tags: this.defaultTags }],
    });
    useStateBackend(this, {
      bucket: stateBucketName(env.account.id, stateRegion(env)),
      key: stateKey(env.name, `${env.name}-${component}`),
      region: stateRegion(env),
      accountId: env.account.id,
    });
    this.addOverride("terraform.required_version", TERRAFORM_VERSION_CONSTRAINT);
    // The CI apply role may only create roles under the bootstrap stack's boundary.
    RequirePermissionsBoundary.applyTo(this, env.account.id);
  }

  /** Tags every AWS resource of the stack carries. */
  get defaultTags(): Record<string, string> {
    return {
      ...this.env.tags,
      Project: "sparki",
      Environment: this.env.name,
      Stack: `${this.env.name}-${this.component}`,
      ManagedBy: "cdktf",
    };
  }

  /**
   * An aliased AWS provider for a second region of the same account (for example backup copies),
   * with the same account lock and tags as the default provider.
   */
  protected regionalProvider(id: string, alias: string, region: string): AwsProvider {
    return new AwsProvider(this, id, {
      alias,
      region,
      allowedAccountIds: [this.env.account.id],
      defaultTags: [{ tags: this.defaultTags }],
    });
  }

  /** Stacks read each other only through StackOutputs, so cdktf's cross-stack scan finds nothing. */
  override prepareStack(): void {
    prepareWithoutCrossStackScan(this);
  }

  /** Name of the environment's EKS cluster (used in subnet and security-group discovery tags). */
  get clusterName(): string {
    return this.resourcePrefix;
  }
}
