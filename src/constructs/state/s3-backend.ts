import { S3Backend, type TerraformStack } from "cdktf";
import { stateKeyAliasArn } from "./naming";

export interface StateBackendProps {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  /** Account that owns the state bucket and its key. */
  readonly accountId: string;
}

/**
 * Stores the stack's state in the account's state bucket, encrypted with the state key, with S3
 * native locking. `encrypt` alone makes Terraform send AES256 on every state and lock write,
 * overriding the bucket's SSE-KMS default, so the key is named explicitly (the bucket policy
 * refuses writes without it). No DynamoDB lock table: Terraform ≥ 1.10 locks with a conditional
 * write of `<key>.tflock`.
 */
export function useStateBackend(stack: TerraformStack, props: StateBackendProps): void {
  new S3Backend(stack, {
    bucket: props.bucket,
    key: props.key,
    region: props.region,
    encrypt: true,
    kmsKeyId: stateKeyAliasArn(props.accountId, props.region),
  });
  // cdktf 0.21's S3Backend has no `useLockfile` field yet.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
