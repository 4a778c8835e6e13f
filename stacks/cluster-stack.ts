import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { KmsGrant } from "@cdktf/provider-aws/lib/kms-grant";
import { Fn, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { Cluster } from "../src/constructs/cluster/cluster";
import { ContainerRepository } from "../src/constructs/cluster/container-repository";
import { KarpenterInterruptionQueue } from "../src/constructs/cluster/karpenter-interruption";
import { addAddonsAfterNodes, addAddonsBeforeNodes } from "../src/constructs/cluster/addons";
import { addNodeGroups } from "../src/constructs/cluster/node-groups";
import { NodeRole } from "../src/constructs/cluster/node-role";
import { addPodIdentities } from "../src/constructs/cluster/pod-identities";
import type { PodIdentityRole } from "../src/constructs/cluster/pod-identity-role";
import { APPS_NAMESPACE, SERVICE_ACCOUNTS, type IdentityName } from "../src/constructs/cluster/service-accounts";
import { CodebuildRunner } from "../src/constructs/ci/codebuild-runner";
import { EncryptionKey } from "../src/constructs/secrets/encryption-key";
import type { CoreStack } from "./core-stack";
import { CORE_OUTPUTS } from "./core-stack";
import { EnvironmentStack } from "./environment-stack";
import { StackOutputs } from "./stack-outputs";

/** Outputs of the cluster stack the platform stack reads (through StackOutputs): names are API. */
export const CLUSTER_OUTPUTS = {
  clusterName: "cluster_name",
  storageKeyArn: "storage_kms_key_arn",
  ciRunnerProjectName: "ci_runner_project_name",
  karpenterNodeRoleName: "karpenter_node_role_name",
  interruptionQueueName: "karpenter_interruption_queue_name",
  /** ECR repository URL of a workload's images. */
  repositoryUrl: (workload: (typeof WORKLOADS)[number]) => `${workload}_repository_url`,
} as const;

export const WORKLOADS = ["web", "engine"] as const;

/** Operations the EC2 Auto Scaling service-linked role needs to launch nodes with encrypted volumes. */
const AUTOSCALING_VOLUME_OPERATIONS = [
  "Encrypt",
  "Decrypt",
  "ReEncryptFrom",
  "ReEncryptTo",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "DescribeKey",
  "CreateGrant",
];

/**
 * `<env>-cluster`: the EKS control plane, managed node groups, managed add-ons with their own
 * Pod Identity roles, workload roles, and the ECR repositories the workloads ship from.
 * Subnets, the node security group and the KMS keys for secrets and logs come from `<env>-core`
 * through its named outputs (remote state), never copied values.
 */
export class ClusterStack extends EnvironmentStack {
  readonly cluster: Cluster;
  readonly storageKey: EncryptionKey;
  readonly nodeRole: NodeRole;
  /** Instance role of the nodes Karpenter launches. */
  readonly karpenterNodeRole: NodeRole;
  readonly interruptionQueue: KarpenterInterruptionQueue;
  readonly roles: Readonly<Record<IdentityName, PodIdentityRole>>;
  readonly repositories: Readonly<Record<string, ContainerRepository>>;
  /** Runs the pipeline's Kubernetes jobs inside the VPC (the API endpoint is private). */
  readonly ciRunner: CodebuildRunner;

  constructor(scope: Construct, env: EnvironmentConfig, coreStack: CoreStack) {
    super(scope, env, "cluster");
    const { account, cluster: config } = env;
    const name = this.clusterName;
    const core = new StackOutputs(this, "core-outputs", coreStack);
    const subnetIds = core.list(CORE_OUTPUTS.privateSubnetIds);
    const nodeSecurityGroupId = core.string(CORE_OUTPUTS.nodeSecurityGroupId);

    this.storageKey = new EncryptionKey(this, "storage-key", {
      alias: `${this.resourcePrefix}-cluster-storage`,
      description: `Encrypts node and persistent volumes and container images of ${name}`,
      accountId: account.id,
      preventDestroy: env.deletionProtection,
    });
    // Auto Scaling launches the nodes; without this grant an encrypted launch template fails.
    new KmsGrant(this, "autoscaling-volume-grant", {
      name: "ec2-autoscaling-encrypted-volumes",
      keyId: this.storageKey.arn,
      granteePrincipal: `arn:aws:iam::${account.id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      operations: AUTOSCALING_VOLUME_OPERATIONS,
    });
    // Spot capacity (Karpenter, Spot node groups) is launched by the EC2 Spot service-linked role,
    // which needs the same grant or encrypted Spot volumes fail to attach.
    new KmsGrant(this, "spot-volume-grant", {
      name: "ec2-spot-encrypted-volumes",
      keyId: this.storageKey.arn,
      granteePrincipal: `arn:aws:iam::${account.id}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
      operations: AUTOSCALING_VOLUME_OPERATIONS,
    });

    this.cluster = new Cluster(this, "cluster", {
      name,
      version: config.version,
      accountId: account.id,
      region: account.region,
      subnetIds,
      nodeSecurityGroupId,
      secretsKeyArn: core.string(CORE_OUTPUTS.clusterSecretsKeyArn),
      logsKeyArn: core.string(CORE_OUTPUTS.logsKeyArn),
      logRetentionDays: env.observability.logRetentionDays,
      endpointPublicAccessCidrs: config.endpointPublicAccessCidrs,
      adminRoleArns: config.adminRoleArns,
      readOnlyRoleArns: config.readOnlyRoleArns,
      preventDestroy: env.deletionProtection,
    });
    const clusterName = this.cluster.name;

    this.nodeRole = new NodeRole(this, "node-role", { roleName: `${this.resourcePrefix}-node` });
    this.karpenterNodeRole = new NodeRole(this, "karpenter-node-role", { roleName: `${this.resourcePrefix}-karpenter-node` });
    // Managed node groups get their access entry from EKS; Karpenter's nodes need this one.
    new EksAccessEntry(this, "karpenter-node-access", { clusterName, principalArn: this.karpenterNodeRole.roleArn, type: "EC2_LINUX" });
    this.interruptionQueue = new KarpenterInterruptionQueue(this, "karpenter-interruption", { queueName: `${name}-karpenter`, accountId: account.id });

    // One rds-db:connect ARN per instance; the count is known here, the ids only after the core apply.
    const databaseIds = core.list(CORE_OUTPUTS.databaseResourceIds);
    const instances = 1 + (env.database.readReplicas ?? 0);
    this.roles = addPodIdentities(this, {
      clusterName,
      clusterArn: this.cluster.arn,
      policyInputs: {
        resourcePrefix: this.resourcePrefix,
        clusterName: name,
        accountId: account.id,
        region: account.region,
        storageKeyArn: this.storageKey.arn,
        secretsKeyArn: core.string(CORE_OUTPUTS.secretsKeyArn),
        interruptionQueueArn: this.interruptionQueue.queueArn,
        karpenterNodeRoleArn: this.karpenterNodeRole.roleArn,
        databaseResourceIds: Array.from({ length: instances }, (_, i) => Fn.element(databaseIds, i)),
        cacheReplicationGroupArn: core.string(CORE_OUTPUTS.cacheReplicationGroupArn),
        cacheUserArn: core.string(CORE_OUTPUTS.cacheUserArn),
      },
    });

    const addons = { clusterName, kubernetesVersion: config.version };
    const addonsBeforeNodes = addAddonsBeforeNodes(this, { ...addons, vpcCniAssociation: this.roles.vpcCni.association });
    const nodeGroups = addNodeGroups(this, {
      clusterName: name,
      groups: config.nodeGroups,
      nodeRole: this.nodeRole,
      subnetIds,
      securityGroupIds: [nodeSecurityGroupId],
      volumeKmsKeyArn: this.storageKey.arn,
      addonsBeforeNodes,
    });
    addAddonsAfterNodes(this, { ...addons, nodeGroups, ebsCsiAssociation: this.roles.ebsCsi.association });

    const repositories: Record<string, ContainerRepository> = {};
    for (const workload of WORKLOADS) {
      for (const [kind, repoName] of [["image", `sparki/${workload}`], ["chart", `sparki/charts/${workload}`]] as const) {
        repositories[repoName] = new ContainerRepository(this, `${workload}-${kind}-repository`, {
          name: repoName,
          kmsKeyArn: this.storageKey.arn,
          preventDestroy: env.deletionProtection,
        });
      }
    }
    this.repositories = repositories;

    this.ciRunner = new CodebuildRunner(this, "ci-runner", {
      name: `${this.resourcePrefix}-ci`,
      githubRepository: env.ci.githubRepository,
      accountId: account.id,
      region: account.region,
      vpcId: core.string(CORE_OUTPUTS.vpcId),
      subnetIds,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
      logsKeyArn: core.string(CORE_OUTPUTS.logsKeyArn),
      logRetentionDays: env.observability.logRetentionDays,
    });

    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    output(CLUSTER_OUTPUTS.clusterName, this.cluster.name, "EKS cluster name");
    output("cluster_endpoint", this.cluster.endpoint, "Kubernetes API endpoint (private unless public CIDRs are configured)");
    output("cluster_certificate_authority_data", this.cluster.certificateAuthorityData, "Base64 CA bundle of the API endpoint");
    output("oidc_issuer_url", this.cluster.oidcIssuer, "OIDC issuer of the cluster's service-account tokens");
    output("cluster_security_group_id", this.cluster.clusterSecurityGroupId, "Security group EKS created for the control plane");
    output("node_security_group_id", nodeSecurityGroupId, "Security group of the nodes (from the core stack)");
    output("cluster_role_arn", this.cluster.roleArn, "IAM role of the control plane");
    output("node_role_arn", this.nodeRole.roleArn, "IAM role of the nodes");
    output("vpc_cni_role_arn", this.roles.vpcCni.roleArn, "Pod Identity role of the VPC CNI (kube-system/aws-node)");
    output("ebs_csi_role_arn", this.roles.ebsCsi.roleArn, "Pod Identity role of the EBS CSI controller");
    for (const workload of WORKLOADS) {
      output(`${workload}_role_arn`, this.roles[workload].roleArn, `Pod Identity role of ${APPS_NAMESPACE}/${workload}`);
      output(CLUSTER_OUTPUTS.repositoryUrl(workload), repositories[`sparki/${workload}`].repositoryUrl, `ECR repository of ${workload} images`);
      output(`${workload}_chart_repository_url`, repositories[`sparki/charts/${workload}`].repositoryUrl, `ECR repository of the ${workload} Helm chart (OCI)`);
    }
    output(CLUSTER_OUTPUTS.ciRunnerProjectName, this.ciRunner.projectName, "CodeBuild project running the pipeline's in-VPC GitHub Actions jobs");
    output(CLUSTER_OUTPUTS.storageKeyArn, this.storageKey.arn, "KMS key of node and persistent volumes and images");
    output(CLUSTER_OUTPUTS.karpenterNodeRoleName, this.karpenterNodeRole.roleName, "Instance role of Karpenter's nodes (EC2NodeClass spec.role)");
    output(CLUSTER_OUTPUTS.interruptionQueueName, this.interruptionQueue.queueName, "SQS queue of EC2 interruption events (Karpenter settings.interruptionQueue)");
    for (const identity of ["loadBalancerController", "externalSecrets", "karpenter"] as const) {
      output(`${identity.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_role_arn`, this.roles[identity].roleArn, `Pod Identity role of ${SERVICE_ACCOUNTS[identity].namespace}/${SERVICE_ACCOUNTS[identity].name}`);
    }
  }
}
