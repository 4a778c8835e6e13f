import { S3Backend, type TerraformStack } from "cdktf";

export interface StateBackendProps {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/**
 * Stores the stack's state in the account's state bucket, encrypted, with S3 native locking.
 * No DynamoDB lock table: Terraform ≥ 1.10 locks with a conditional write of `<key>.tflock`.
 */
export function useStateBackend(stack: TerraformStack, props: StateBackendProps): void {
  new S3Backend(stack, { bucket: props.bucket, key: props.key, region: props.region, encrypt: true });
  // cdktf 0.21's S3Backend has no `useLockfile` field yet.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
