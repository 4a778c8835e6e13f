import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { checkPreconditions } from "../validation";
import { amiTypeFor, nodeGroupArchitectureProblem } from "./instance-architecture";

/**
 * IMDS hop limit 1: a token PUT answered by IMDS dies one hop out, so containers in their own
 * network namespace cannot read the node role's credentials. Pods get AWS access only through
 * EKS Pod Identity (its agent listens on a link-local address, unaffected by this limit).
 */
export const IMDS_HOP_LIMIT = 1;

/** Nodes a rolling update may take down at once, as a share of the group. */
export const DEFAULT_MAX_UNAVAILABLE_PERCENTAGE = 33;

/** Root device of Amazon Linux 2023 EKS AMIs. */
export const ROOT_DEVICE_NAME = "/dev/xvda";

export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

/** Kubernetes spelling of an EKS API taint effect (for NodePools and tolerations). */
export const KUBERNETES_TAINT_EFFECT: Readonly<Record<TaintEffect, string>> = {
  NO_SCHEDULE: "NoSchedule",
  NO_EXECUTE: "NoExecute",
  PREFER_NO_SCHEDULE: "PreferNoSchedule",
};

export interface ManagedNodeGroupProps {
  /** Cluster name, for example `sparki-prod`. */
  readonly clusterName: string;
  /** Short group name from the config, for example `system`. */
  readonly name: string;
  readonly nodeRoleArn: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** KMS key that encrypts the root volumes. */
  readonly volumeKmsKeyArn: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGiB: number;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints in EKS API form (`NO_SCHEDULE`, …). @default none */
  readonly taints?: readonly { key: string; value?: string; effect: TaintEffect }[];
  /** @default DEFAULT_MAX_UNAVAILABLE_PERCENTAGE */
  readonly maxUnavailablePercentage?: number;
  /** Resources that must exist before nodes join (for example the VPC CNI add-on). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A managed node group on its own launch template: IMDSv2 only, encrypted gp3 root volume,
 * the node security group. A replacement is created before the old group is destroyed (the
 * name is a prefix), so capacity never drops to zero.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    checkPreconditions(this, nodeGroupArchitectureProblem(props.instanceTypes));
    const fullName = `${props.clusterName}-${props.name}`;
    const template = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${fullName}-`,
      description: `Nodes of ${fullName}`,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: props.securityGroupIds,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: IMDS_HOP_LIMIT,
      },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE_NAME,
          ebs: {
            volumeType: "gp3",
            volumeSize: props.diskSizeGiB,
            encrypted: "true",
            kmsKeyId: props.volumeKmsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: fullName } },
        { resourceType: "volume", tags: { Name: fullName } },
      ],
      lifecycle: { createBeforeDestroy: true },
    });

    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${fullName}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      amiType: amiTypeFor(props.instanceTypes),
      capacityType: props.capacityType,
      instanceTypes: [...props.instanceTypes],
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      scalingConfig: { minSize: props.minSize, desiredSize: props.desiredSize, maxSize: props.maxSize },
      updateConfig: { maxUnavailablePercentage: props.maxUnavailablePercentage ?? DEFAULT_MAX_UNAVAILABLE_PERCENTAGE },
      nodeRepairConfig: { enabled: true },
      labels: { ...(props.labels ?? {}), "sparki.dev/node-group": props.name },
      taint: (props.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      tags: { Name: fullName },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: props.dependsOn,
    });
  }
}
