import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { Cluster } from "../src/constructs/cluster/cluster";
import type { ContainerRepository } from "../src/constructs/cluster/container-repository";
import type { KarpenterInterruptionQueue } from "../src/constructs/cluster/karpenter-interruption";
import type { NodeRole } from "../src/constructs/cluster/node-role";
import type { PodIdentityRole } from "../src/constructs/cluster/pod-identity-role";
import { SERVICE_ACCOUNTS, type IdentityName } from "../src/constructs/cluster/service-accounts";
import { chartRepositoryName, imageRepositoryName } from "../src/constructs/cluster/workload-repositories";
import type { CodebuildRunner } from "../src/constructs/ci/codebuild-runner";
import type { EncryptionKey } from "../src/constructs/secrets/encryption-key";
import { WORKLOAD_NAMES, type WorkloadName } from "../src/constructs/workloads/catalog";

/** Outputs of the cluster stack the platform stack reads (through StackOutputs): names are API. */
export const CLUSTER_OUTPUTS = {
  clusterName: "cluster_name",
  storageKeyArn: "storage_kms_key_arn",
  ciRunnerProjectName: "ci_runner_project_name",
  karpenterNodeRoleName: "karpenter_node_role_name",
  interruptionQueueName: "karpenter_interruption_queue_name",
  /** ECR repository URL of a workload's images. */
  repositoryUrl: (workload: WorkloadName) => `${workload}_repository_url`,
} as const;

/**
 * Identities whose role ARN is an output `<identity in snake case>_role_arn`, with a description
 * where the service account's `<namespace>/<name>` does not say enough.
 */
const ROLE_ARN_OUTPUTS: readonly (readonly [IdentityName, string?])[] = [
  ["vpcCni", "Pod Identity role of the VPC CNI (kube-system/aws-node)"],
  ["ebsCsi", "Pod Identity role of the EBS CSI controller"],
  ["web"],
  ["engine"],
  ["loadBalancerController"],
  ["externalSecrets"],
  ["karpenter"],
];

export interface ClusterOutputsProps {
  readonly cluster: Cluster;
  /** Security group of the nodes, as read from the core stack. */
  readonly nodeSecurityGroupId: string;
  readonly nodeRole: NodeRole;
  readonly karpenterNodeRole: NodeRole;
  readonly interruptionQueue: KarpenterInterruptionQueue;
  readonly storageKey: EncryptionKey;
  readonly roles: Readonly<Record<IdentityName, PodIdentityRole>>;
  /** Keyed by repository name (`addWorkloadRepositories`). */
  readonly repositories: Readonly<Record<string, ContainerRepository>>;
  readonly ciRunner: CodebuildRunner;
}

/** The stack outputs of `<env>-cluster`; their names (construct IDs of the outputs) are API. */
export function addClusterOutputs(stack: Construct, props: ClusterOutputsProps): void {
  const output = (id: string, value: string, description: string) => new TerraformOutput(stack, id, { value, description });
  const { cluster } = props;
  output(CLUSTER_OUTPUTS.clusterName, cluster.name, "EKS cluster name");
  output("cluster_endpoint", cluster.endpoint, "Kubernetes API endpoint (private unless public CIDRs are configured)");
  output("cluster_certificate_authority_data", cluster.certificateAuthorityData, "Base64 CA bundle of the API endpoint");
  output("oidc_issuer_url", cluster.oidcIssuer, "OIDC issuer of the cluster's service-account tokens");
  output("cluster_security_group_id", cluster.clusterSecurityGroupId, "Security group EKS created for the control plane");
  output("node_security_group_id", props.nodeSecurityGroupId, "Security group of the nodes (from the core stack)");
  output("cluster_role_arn", cluster.roleArn, "IAM role of the control plane");
  output("node_role_arn", props.nodeRole.roleArn, "IAM role of the nodes");
  for (const [identity, description] of ROLE_ARN_OUTPUTS) {
    const { namespace, name } = SERVICE_ACCOUNTS[identity];
    const id = `${identity.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_role_arn`;
    output(id, props.roles[identity].roleArn, description ?? `Pod Identity role of ${namespace}/${name}`);
  }
  for (const workload of WORKLOAD_NAMES) {
    const image = props.repositories[imageRepositoryName(workload)];
    const chart = props.repositories[chartRepositoryName(workload)];
    output(CLUSTER_OUTPUTS.repositoryUrl(workload), image.repositoryUrl, `ECR repository of ${workload} images`);
    output(`${workload}_chart_repository_url`, chart.repositoryUrl, `ECR repository of the ${workload} Helm chart (OCI)`);
  }
  const ciRunnerDescription = "CodeBuild project running the pipeline's in-VPC GitHub Actions jobs";
  output(CLUSTER_OUTPUTS.ciRunnerProjectName, props.ciRunner.projectName, ciRunnerDescription);
  output(CLUSTER_OUTPUTS.storageKeyArn, props.storageKey.arn, "KMS key of node and persistent volumes and images");
  const nodeRoleDescription = "Instance role of Karpenter's nodes (EC2NodeClass spec.role)";
  output(CLUSTER_OUTPUTS.karpenterNodeRoleName, props.karpenterNodeRole.roleName, nodeRoleDescription);
  const queueDescription = "SQS queue of EC2 interruption events (Karpenter settings.interruptionQueue)";
  output(CLUSTER_OUTPUTS.interruptionQueueName, props.interruptionQueue.queueName, queueDescription);
}
