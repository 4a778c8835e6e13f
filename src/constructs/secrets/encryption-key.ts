import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/** Days KMS waits before deleting a scheduled key; the maximum, so a mistake can be undone. */
export const DEFAULT_DELETION_WINDOW_DAYS = 30;

/** An AWS service allowed to use the key, scoped by a condition (for example an encryption context). */
export interface ServiceGrant {
  /** Statement id, unique within the key policy. */
  readonly sid: string;
  /** Service principal, for example `logs.us-east-1.amazonaws.com`. */
  readonly service: string;
  readonly actions: readonly string[];
  /** IAM condition block, for example `{ ArnLike: { "kms:EncryptionContext:aws:logs:arn": "…" } }`. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface EncryptionKeyProps {
  /** Alias name without the `alias/` prefix, for example `sparki-prod-logs`. */
  readonly alias: string;
  readonly description: string;
  readonly accountId: string;
  /** Services that may use the key. @default none: only IAM principals of the account */
  readonly serviceGrants?: readonly ServiceGrant[];
  /** @default DEFAULT_DELETION_WINDOW_DAYS */
  readonly deletionWindowDays?: number;
  /** Adds Terraform `prevent_destroy`. @default true */
  readonly preventDestroy?: boolean;
  /** Provider of another region, for keys that protect copies kept there. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /**
   * The only role that may delete, disable or change the policy of this key. Set for keys whose
   * loss destroys data and its backups at once. @default none: IAM decides, as for any key
   */
  readonly breakGlassRoleArn?: string;
}

/** What only the break-glass role may do to a protected key. */
export const KEY_DESTRUCTION_ACTIONS = ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"] as const;

/**
 * A customer-managed, rotating KMS key with an alias. The key policy delegates to IAM in the
 * owning account (the AWS-recommended root statement) and names each service that needs it.
 */
export class EncryptionKey extends Construct {
  readonly arn: string;
  readonly keyId: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const statements: object[] = [
      {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(props.serviceGrants ?? []).map((grant) => ({
        Sid: grant.sid,
        Effect: "Allow",
        Principal: { Service: grant.service },
        Action: grant.actions,
        Resource: "*",
        ...(grant.condition ? { Condition: grant.condition } : {}),
      })),
      ...(props.breakGlassRoleArn
        ? [
            {
              // A key policy binds administrators and the root user too, unlike IAM policies.
              Sid: "OnlyBreakGlassDestroysKey",
              Effect: "Deny",
              Principal: { AWS: "*" },
              Action: [...KEY_DESTRUCTION_ACTIONS],
              Resource: "*",
              Condition: { ArnNotEquals: { "aws:PrincipalArn": props.breakGlassRoleArn } },
            },
          ]
        : []),
    ];
    const key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? DEFAULT_DELETION_WINDOW_DAYS,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      tags: { Name: props.alias },
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
      provider: props.provider,
      // KMS refuses a policy that denies PutKeyPolicy to the creator (the CI apply role) unless
      // the lockout check is skipped; the break-glass role keeps the key manageable.
      bypassPolicyLockoutSafetyCheck: props.breakGlassRoleArn ? true : undefined,
    });
    this.aliasName = `alias/${props.alias}`;
    new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: key.keyId, provider: props.provider });
    this.arn = key.arn;
    this.keyId = key.keyId;
  }

  /**
   * An IAM policy statement letting a principal decrypt with this key only when the call comes
   * through one AWS service (for example `secretsmanager.us-east-1.amazonaws.com`).
   */
  decryptVia(service: string): Record<string, unknown> {
    return {
      Sid: "DecryptThroughService",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: this.arn,
      Condition: { StringEquals: { "kms:ViaService": service } },
    };
  }
}

/** Lets CloudWatch Logs encrypt log groups of this account and region, and nothing else. */
export function cloudWatchLogsGrant(region: string, accountId: string): ServiceGrant {
  return {
    sid: "CloudWatchLogsEncryptsLogGroups",
    service: `logs.${region}.amazonaws.com`,
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` } },
  };
}
