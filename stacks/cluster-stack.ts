import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { addAddonsAfterNodes, addAddonsBeforeNodes } from "../src/constructs/cluster/addons";
import { Cluster } from "../src/constructs/cluster/cluster";
import type { ContainerRepository } from "../src/constructs/cluster/container-repository";
import type { KarpenterInterruptionQueue } from "../src/constructs/cluster/karpenter-interruption";
import { addKarpenterNodes } from "../src/constructs/cluster/karpenter-nodes";
import { addNodeGroups } from "../src/constructs/cluster/node-groups";
import { NodeRole } from "../src/constructs/cluster/node-role";
import { addPodIdentities } from "../src/constructs/cluster/pod-identities";
import type { PodIdentityRole } from "../src/constructs/cluster/pod-identity-role";
import type { IdentityName } from "../src/constructs/cluster/service-accounts";
import { addStorageKey } from "../src/constructs/cluster/storage-key";
import { addWorkloadRepositories } from "../src/constructs/cluster/workload-repositories";
import { CodebuildRunner } from "../src/constructs/ci/codebuild-runner";
import type { EncryptionKey } from "../src/constructs/secrets/encryption-key";
import { addClusterOutputs } from "./cluster-outputs";
import type { CoreStack } from "./core-stack";
import { CORE_OUTPUTS } from "./core-stack";
import { EnvironmentStack } from "./environment-stack";
import { StackOutputs } from "./stack-outputs";

// Consumers import the output names from here, beside the stack that writes them.
export { CLUSTER_OUTPUTS } from "./cluster-outputs";

/**
 * `<env>-cluster`: the EKS control plane, managed node groups, managed add-ons with their own
 * Pod Identity roles, workload roles, and the ECR repositories the workloads ship from.
 * Subnets, the node security group and the KMS keys for secrets and logs come from `<env>-core`
 * through its named outputs (remote state), never copied values.
 *
 * Every part is added by a function that takes this stack as scope (not a grouping construct),
 * so construct IDs, and with them Terraform addresses, stay those of the stack's direct children.
 */
export class ClusterStack extends EnvironmentStack {
  readonly cluster: Cluster;
  readonly storageKey: EncryptionKey;
  readonly nodeRole: NodeRole;
  /** Instance role of the nodes Karpenter launches. */
  readonly karpenterNodeRole: NodeRole;
  readonly interruptionQueue: KarpenterInterruptionQueue;
  readonly roles: Readonly<Record<IdentityName, PodIdentityRole>>;
  /** Image and chart repositories of every workload, keyed by repository name. */
  readonly repositories: Readonly<Record<string, ContainerRepository>>;
  /** Runs the pipeline's Kubernetes jobs inside the VPC (the API endpoint is private). */
  readonly ciRunner: CodebuildRunner;

  constructor(scope: Construct, env: EnvironmentConfig, coreStack: CoreStack) {
    super(scope, env, "cluster");
    const { account, cluster: config } = env;
    const prefix = this.resourcePrefix;
    const name = this.clusterName;
    const core = new StackOutputs(this, "core-outputs", coreStack);
    const subnetIds = core.list(CORE_OUTPUTS.privateSubnetIds);
    const nodeSecurityGroupId = core.string(CORE_OUTPUTS.nodeSecurityGroupId);
    const logsKeyArn = core.string(CORE_OUTPUTS.logsKeyArn);

    this.storageKey = addStorageKey(this, {
      alias: `${prefix}-cluster-storage`,
      description: `Encrypts node and persistent volumes and container images of ${name}`,
      accountId: account.id,
      preventDestroy: env.deletionProtection,
    });

    this.cluster = new Cluster(this, "cluster", {
      name,
      version: config.version,
      accountId: account.id,
      region: account.region,
      subnetIds,
      nodeSecurityGroupId,
      secretsKeyArn: core.string(CORE_OUTPUTS.clusterSecretsKeyArn),
      logsKeyArn,
      logRetentionDays: env.observability.logRetentionDays,
      endpointPublicAccessCidrs: config.endpointPublicAccessCidrs,
      adminRoleArns: config.adminRoleArns,
      readOnlyRoleArns: config.readOnlyRoleArns,
      preventDestroy: env.deletionProtection,
    });
    const clusterName = this.cluster.name;

    this.nodeRole = new NodeRole(this, "node-role", { roleName: `${prefix}-node` });
    const karpenter = addKarpenterNodes(this, {
      clusterName,
      nodeRoleName: `${prefix}-karpenter-node`,
      queueName: `${name}-karpenter`,
      accountId: account.id,
    });
    this.karpenterNodeRole = karpenter.nodeRole;
    this.interruptionQueue = karpenter.interruptionQueue;

    // One rds-db:connect ARN per instance; the count is known here, the ids only after the core apply.
    const databaseIds = core.list(CORE_OUTPUTS.databaseResourceIds);
    const instances = 1 + (env.database.readReplicas ?? 0);
    this.roles = addPodIdentities(this, {
      clusterName,
      clusterArn: this.cluster.arn,
      policyInputs: {
        resourcePrefix: prefix,
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
        openSearchDomainArn: core.string(CORE_OUTPUTS.openSearchDomainArn),
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

    this.repositories = addWorkloadRepositories(this, { kmsKeyArn: this.storageKey.arn, preventDestroy: env.deletionProtection });

    this.ciRunner = new CodebuildRunner(this, "ci-runner", {
      name: `${prefix}-ci`,
      githubRepository: env.ci.githubRepository,
      accountId: account.id,
      region: account.region,
      vpcId: core.string(CORE_OUTPUTS.vpcId),
      subnetIds,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
      logsKeyArn,
      logRetentionDays: env.observability.logRetentionDays,
    });

    addClusterOutputs(this, {
      cluster: this.cluster,
      nodeSecurityGroupId,
      nodeRole: this.nodeRole,
      karpenterNodeRole: this.karpenterNodeRole,
      interruptionQueue: this.interruptionQueue,
      storageKey: this.storageKey,
      roles: this.roles,
      repositories: this.repositories,
      ciRunner: this.ciRunner,
    });
  }
}
