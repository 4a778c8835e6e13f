import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { Construct } from "constructs";

/** Untagged images (superseded layers, failed pushes) are deleted after this many days. */
export const DEFAULT_UNTAGGED_EXPIRY_DAYS = 7;
/** Tagged images kept; older ones expire. Enough history to roll back well past a release train. */
export const DEFAULT_TAGGED_IMAGES_KEPT = 100;

export interface ContainerRepositoryProps {
  /** Repository name, for example `sparki/engine` or `sparki/charts/engine`. */
  readonly name: string;
  /** KMS key encrypting the images. */
  readonly kmsKeyArn: string;
  /** @default DEFAULT_UNTAGGED_EXPIRY_DAYS */
  readonly untaggedExpiryDays?: number;
  /** @default DEFAULT_TAGGED_IMAGES_KEPT */
  readonly taggedImagesKept?: number;
  /** Adds Terraform `prevent_destroy`. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * An ECR repository for images or OCI Helm charts: immutable tags (a tag names one image,
 * forever), scanned on push, encrypted with a customer key, never force-deleted, and a
 * lifecycle policy that bounds storage.
 */
export class ContainerRepository extends Construct {
  readonly repositoryUrl: string;
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      forceDelete: false,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    new EcrLifecyclePolicy(this, "lifecycle-policy", {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: "Expire untagged images",
            selection: {
              tagStatus: "untagged",
              countType: "sinceImagePushed",
              countUnit: "days",
              countNumber: props.untaggedExpiryDays ?? DEFAULT_UNTAGGED_EXPIRY_DAYS,
            },
            action: { type: "expire" },
          },
          {
            rulePriority: 2,
            description: "Keep the most recent tagged images",
            selection: {
              tagStatus: "tagged",
              tagPatternList: ["*"],
              countType: "imageCountMoreThan",
              countNumber: props.taggedImagesKept ?? DEFAULT_TAGGED_IMAGES_KEPT,
            },
            action: { type: "expire" },
          },
        ],
      }),
    });
    this.repositoryUrl = repository.repositoryUrl;
    this.arn = repository.arn;
    this.name = repository.name;
  }
}
