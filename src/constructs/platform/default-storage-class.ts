import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Construct } from "constructs";

/** Name of the default StorageClass. */
export const DEFAULT_STORAGE_CLASS_NAME = "gp3-encrypted";

export interface DefaultStorageClassProps {
  /** KMS key that encrypts every volume of this class. */
  readonly kmsKeyArn: string;
  /** Keep the EBS volume when its PersistentVolumeClaim is deleted. @default true */
  readonly retainVolumes?: boolean;
}

/**
 * The cluster's default StorageClass: EBS gp3 through the EBS CSI driver, encrypted with the
 * cluster's storage key, bound where the pod lands (so the volume is in the pod's zone),
 * expandable.
 */
export class DefaultStorageClass extends Construct {
  readonly name = DEFAULT_STORAGE_CLASS_NAME;

  constructor(scope: Construct, id: string, props: DefaultStorageClassProps) {
    super(scope, id);
    new StorageClassV1(this, "storage-class", {
      metadata: { name: DEFAULT_STORAGE_CLASS_NAME, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      storageProvisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true", kmsKeyId: props.kmsKeyArn },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: (props.retainVolumes ?? true) ? "Retain" : "Delete",
    });
  }
}
