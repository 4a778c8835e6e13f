import { KmsGrant } from "@cdktf/provider-aws/lib/kms-grant";
import type { Construct } from "constructs";
import { EncryptionKey } from "../secrets/encryption-key";

/** Operations the EC2 service-linked roles need to launch nodes with encrypted volumes. */
export const VOLUME_KEY_GRANT_OPERATIONS = [
  "Encrypt",
  "Decrypt",
  "ReEncryptFrom",
  "ReEncryptTo",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "DescribeKey",
  "CreateGrant",
];

export interface StorageKeyProps {
  /** Alias without `alias/`, for example `sparki-prod-cluster-storage`. */
  readonly alias: string;
  readonly description: string;
  readonly accountId: string;
  readonly preventDestroy: boolean;
}

/**
 * The KMS key of node root volumes, persistent volumes and container images (construct ID
 * `storage-key`), and the grants that let EC2's launching service-linked roles use it. The key
 * and grants stay direct children of `scope` (a function, not a construct: addresses unchanged).
 */
export function addStorageKey(scope: Construct, props: StorageKeyProps): EncryptionKey {
  const key = new EncryptionKey(scope, "storage-key", props);
  const serviceLinkedRole = (path: string) => `arn:aws:iam::${props.accountId}:role/aws-service-role/${path}`;
  // Auto Scaling launches the nodes; without this grant an encrypted launch template fails.
  new KmsGrant(scope, "autoscaling-volume-grant", {
    name: "ec2-autoscaling-encrypted-volumes",
    keyId: key.arn,
    granteePrincipal: serviceLinkedRole("autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"),
    operations: VOLUME_KEY_GRANT_OPERATIONS,
  });
  // Spot capacity (Karpenter, Spot node groups) is launched by the EC2 Spot service-linked role,
  // which needs the same grant or encrypted Spot volumes fail to attach.
  new KmsGrant(scope, "spot-volume-grant", {
    name: "ec2-spot-encrypted-volumes",
    keyId: key.arn,
    granteePrincipal: serviceLinkedRole("spot.amazonaws.com/AWSServiceRoleForEC2Spot"),
    operations: VOLUME_KEY_GRANT_OPERATIONS,
  });
  return key;
}
