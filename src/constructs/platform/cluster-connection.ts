import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";

/** API version of the credential `aws eks get-token` prints (AWS CLI v2). */
export const EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";
/** The command that mints a token; the AWS CLI must be on the PATH of whoever runs Terraform. */
export const EXEC_COMMAND = "aws";

export interface ClusterConnectionProps {
  /** EKS cluster name, read through a data source (the cluster is created in an earlier apply). */
  readonly clusterName: string;
  readonly region: string;
}

export interface ClusterConnection {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/**
 * Configures a stack's Kubernetes and Helm providers for an existing EKS cluster: endpoint and
 * CA from a data source by name, credentials from `aws eks get-token`, which the providers run
 * at every plan and apply. (An `aws_eks_cluster_auth` token lives 15 minutes and is frozen into
 * a saved plan, so a plan applied later fails to authenticate.) Addresses:
 * `data.aws_eks_cluster.cluster`, `provider.kubernetes`, `provider.helm`.
 */
export function connectToCluster(stack: Construct, props: ClusterConnectionProps): ClusterConnection {
  const cluster = new DataAwsEksCluster(stack, "cluster", { name: props.clusterName });
  const exec = {
    apiVersion: EXEC_API_VERSION,
    command: EXEC_COMMAND,
    args: ["eks", "get-token", "--cluster-name", props.clusterName, "--region", props.region, "--output", "json"],
  };
  const endpoint = { host: cluster.endpoint, clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data) };
  return {
    kubernetes: new KubernetesProvider(stack, "kubernetes", { ...endpoint, exec: [exec] }),
    helm: new HelmProvider(stack, "helm", { kubernetes: { ...endpoint, exec } }),
  };
}
