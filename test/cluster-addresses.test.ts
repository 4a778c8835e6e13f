/**
 * The cluster stack is composed by functions that take the stack as scope (src/constructs/cluster/
 * addons.ts, pod-identities.ts, ...). A grouping construct there would put its ID into every
 * address below and Terraform would replace the resources: these addresses are the ones the
 * stack had before it was split, and its outputs are the names other stacks read.
 */
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { environment, synthJson, testApp, type TerraformJson } from "./helpers/synth";

function clusterJson(name: string): TerraformJson {
  const app = testApp();
  const env = environment(name);
  const stack = new ClusterStack(app, env, new CoreStack(app, env));
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return synthJson(stack);
}

const addresses = (json: TerraformJson) =>
  Object.entries(json.resource as Record<string, Record<string, unknown>>).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );

describe("cluster stack addresses", () => {
  const json = clusterJson("dev");

  it("keeps the addresses of the storage key, identities, add-ons, node groups and repositories", () => {
    expect(addresses(json)).toEqual(
      expect.arrayContaining([
        "aws_kms_key.storage-key_2BA13614",
        "aws_kms_grant.autoscaling-volume-grant",
        "aws_kms_grant.spot-volume-grant",
        "aws_eks_cluster.cluster_A4C38409",
        "aws_eks_access_entry.karpenter-node-access",
        "aws_sqs_queue.karpenter-interruption_queue_B763CDFC",
        "aws_iam_role.karpenter-node-role_AD71D2D1",
        "aws_iam_role.node-role_24EF0822",
        "aws_eks_pod_identity_association.ebs-csi-identity_association_E2D7DF4D",
        "aws_eks_pod_identity_association.engine-identity_association_047E3E79",
        "aws_eks_pod_identity_association.external-secrets-identity_association_42377F83",
        "aws_eks_pod_identity_association.grafana-identity_association_60AFCE34",
        "aws_eks_pod_identity_association.karpenter-identity_association_F1954BD4",
        "aws_eks_pod_identity_association.load-balancer-controller-identity_association_85408CA7",
        "aws_eks_pod_identity_association.vpc-cni-identity_association_6A6D443A",
        "aws_eks_pod_identity_association.web-identity_association_C0235A86",
        "aws_iam_role_policy.engine-identity_policy_1146C012",
        "aws_iam_role_policy_attachment.vpc-cni-identity_attach-AmazonEKS_CNI_Policy_9C9E8594",
        "aws_eks_addon.aws-ebs-csi-driver_addon_3EE8C108",
        "aws_eks_addon.coredns_addon_21614B5E",
        "aws_eks_addon.eks-pod-identity-agent_addon_190424B9",
        "aws_eks_addon.kube-proxy_addon_F01439BE",
        "aws_eks_addon.vpc-cni_addon_C5D77B85",
        "aws_eks_node_group.node-group-system_node-group_7C1EA68C",
        "aws_eks_node_group.node-group-workload_node-group_80DD059B",
        "aws_ecr_repository.engine-chart-repository_A7F7F0A8",
        "aws_ecr_repository.engine-image-repository_AF7BC349",
        "aws_ecr_repository.web-chart-repository_E20F8195",
        "aws_ecr_repository.web-image-repository_A5A72297",
        "aws_codebuild_project.ci-runner_project_204F0227",
      ]),
    );
  });

  it("writes exactly the outputs other stacks and operators read", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      "ci_runner_project_name",
      "cluster_certificate_authority_data",
      "cluster_endpoint",
      "cluster_name",
      "cluster_role_arn",
      "cluster_security_group_id",
      "ebs_csi_role_arn",
      "engine_chart_repository_url",
      "engine_repository_url",
      "engine_role_arn",
      "external_secrets_role_arn",
      "karpenter_interruption_queue_name",
      "karpenter_node_role_name",
      "karpenter_role_arn",
      "load_balancer_controller_role_arn",
      "node_role_arn",
      "node_security_group_id",
      "oidc_issuer_url",
      "storage_kms_key_arn",
      "vpc_cni_role_arn",
      "web_chart_repository_url",
      "web_repository_url",
      "web_role_arn",
    ]);
  });

  it("points each repository output at its own repository", () => {
    const output = (name: string) => String(json.output?.[name]?.value);
    expect(output("web_repository_url")).toBe("${aws_ecr_repository.web-image-repository_A5A72297.repository_url}");
    expect(output("web_chart_repository_url")).toBe("${aws_ecr_repository.web-chart-repository_E20F8195.repository_url}");
    expect(output("engine_repository_url")).toBe("${aws_ecr_repository.engine-image-repository_AF7BC349.repository_url}");
    expect(output("engine_chart_repository_url")).toBe("${aws_ecr_repository.engine-chart-repository_A7F7F0A8.repository_url}");
    expect(output("karpenter_role_arn")).toBe("${aws_iam_role.karpenter-identity_role_0BAD2B37.arn}");
  });
});
