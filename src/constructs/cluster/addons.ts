import type { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { AddonName } from "./addon-versions";
import { ManagedAddon, type ManagedAddonProps } from "./managed-addon";

export interface ClusterAddonsProps {
  /** Cluster name as the cluster's attribute, so every add-on waits for the cluster. */
  readonly clusterName: string;
  /** Kubernetes minor version; selects the pinned add-on versions. */
  readonly kubernetesVersion: string;
}

export interface AddonsBeforeNodesProps extends ClusterAddonsProps {
  /** The VPC CNI's Pod Identity association: the CNI needs credentials from its first start. */
  readonly vpcCniAssociation: ITerraformDependable;
}

export interface AddonsAfterNodesProps extends ClusterAddonsProps {
  /** The node groups the add-ons' Deployments schedule on. */
  readonly nodeGroups: readonly ITerraformDependable[];
  /** The EBS CSI controller's Pod Identity association. */
  readonly ebsCsiAssociation: ITerraformDependable;
}

// Functions, not constructs: each add-on keeps its name as construct ID directly under the stack.
const addon = (scope: Construct, name: AddonName, props: ClusterAddonsProps, extra: Partial<ManagedAddonProps> = {}) =>
  new ManagedAddon(scope, name, { clusterName: props.clusterName, kubernetesVersion: props.kubernetesVersion, addon: name, ...extra });

/**
 * Add-ons nodes need to become Ready: Pod Identity credentials, service proxy, networking (with
 * network policy enforcement). Node groups depend on the returned add-ons, so destroy removes
 * the nodes while the CNI can still release their network interfaces.
 */
export function addAddonsBeforeNodes(scope: Construct, props: AddonsBeforeNodesProps): EksAddon[] {
  const podIdentityAgent = addon(scope, "eks-pod-identity-agent", props).resource;
  const kubeProxy = addon(scope, "kube-proxy", props).resource;
  const vpcCni = addon(scope, "vpc-cni", props, {
    configuration: { enableNetworkPolicy: "true" },
    dependsOn: [props.vpcCniAssociation, podIdentityAgent],
  }).resource;
  return [podIdentityAgent, kubeProxy, vpcCni];
}

/** Add-ons whose Deployments need nodes to schedule on (else they stay DEGRADED and time out). */
export function addAddonsAfterNodes(scope: Construct, props: AddonsAfterNodesProps): void {
  addon(scope, "coredns", props, { dependsOn: [...props.nodeGroups] });
  addon(scope, "aws-ebs-csi-driver", props, { dependsOn: [...props.nodeGroups, props.ebsCsiAssociation] });
}
