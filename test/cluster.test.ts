import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { EKS_STANDARD_SUPPORT_ENDS, EKS_SUPPORT_CALENDAR_CHECKED_ON } from "../src/config/aws-facts";
import { standardSupportEnded } from "../src/config/rules";
import { clusterSupportWarning, daysOfStandardSupportLeft, EKS_SUPPORT_WARNING_DAYS } from "../src/config/eks-support";
import { synthesize } from "../src/synthesize";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EnvironmentConfig } from "../src/config/schema";
import { EKS_ADDON_VERSIONS } from "../src/constructs/cluster/addon-versions";
import { amiTypeFor, nodeGroupArchitectureProblem } from "../src/constructs/cluster/instance-architecture";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { evaluate } from "./helpers/iam-eval";
import { bodies, ENVIRONMENT_NAMES, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";
import { issuesFor } from "./helpers/raw-environment";

/**
 * Synthesizes the cluster stack as `app.synth()` would (it prepares every stack first).
 */
function clusterJson(env: EnvironmentConfig): TerraformJson {
  const app = testApp();
  const core = new CoreStack(app, env);
  const stack = new ClusterStack(app, env, core);
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return synthJson(stack);
}

const cache = new Map<string, TerraformJson>();
const cluster = (name: string) => {
  if (!cache.has(name)) cache.set(name, clusterJson(environment(name)));
  return cache.get(name)!;
};

function withCluster(name: string, changes: Partial<EnvironmentConfig["cluster"]>): EnvironmentConfig {
  const env = environment(name);
  return { ...env, cluster: { ...env.cluster, ...changes } };
}

const eks = (json: TerraformJson) => bodies(json, "aws_eks_cluster")[0];
/** A value read from one named output of the core stack's state. */
const fromCore = (output: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.core-outputs_state_[0-9A-F]{8}\\.outputs\\.${output}\\}$`);
const remote = /^\$\{data\.terraform_remote_state\.core-outputs_state_[0-9A-F]{8}\.outputs\./;

describe("ClusterStack", () => {
  it.each(ENVIRONMENT_NAMES)("%s API endpoint is private only", (name) => {
    const vpc = eks(cluster(name)).vpc_config as Record<string, unknown>;
    expect(vpc.endpoint_private_access).toBe(true);
    expect(vpc.endpoint_public_access).toBe(false);
    expect(vpc.public_access_cidrs).toBeUndefined();
  });

  it("opens the public endpoint only to the configured CIDRs", () => {
    const json = clusterJson(withCluster("dev", { endpointPublicAccessCidrs: ["203.0.113.0/24"] }));
    expect(eks(json).vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ["203.0.113.0/24"],
    });
  });

  it("envelope-encrypts Secrets with the core stack's cluster-secrets key", () => {
    const config = eks(cluster("prod")).encryption_config as { resources: string[]; provider: { key_arn: string } };
    expect(config.resources).toEqual(["secrets"]);
    expect(config.provider.key_arn).toMatch(fromCore("cluster_secrets_kms_key_arn"));
  });

  it("sends all five control-plane log types to a pre-created, encrypted, retained log group", () => {
    const json = cluster("prod");
    expect(eks(json).enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    const [[logId, group]] = resourcesOf(json, "aws_cloudwatch_log_group").filter(([id]) => id.startsWith("cluster_"));
    expect(group).toMatchObject({
      name: "/aws/eks/sparki-prod/cluster",
      retention_in_days: environment("prod").observability.logRetentionDays,
    });
    expect(group.kms_key_id).toMatch(fromCore("logs_kms_key_arn"));
    expect(eks(json).depends_on).toContain(`aws_cloudwatch_log_group.${logId}`);
  });

  it("authenticates through access entries only, without implicit creator admin", () => {
    expect(eks(cluster("dev")).access_config).toEqual({ authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: false });
    expect(cluster("dev").resource?.kubernetes_config_map).toBeUndefined();
  });

  it("gives the CI apply role admin and the CI plan role read-only access in every environment", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const json = cluster(name);
      const entries = Object.fromEntries(
        resourcesOf(json, "aws_eks_access_entry").map(([id, e]) => [id, String(e.principal_arn).split("/").pop()]),
      );
      const granted = bodies(json, "aws_eks_access_policy_association").map((a) => [
        entries[/aws_eks_access_entry\.([^.]+)\./.exec(String(a.principal_arn))![1]],
        String(a.policy_arn).split("/").pop(),
      ]);
      expect(granted).toEqual([
        [`sparki-${name}-ci-apply`, "AmazonEKSClusterAdminPolicy"],
        [`sparki-${name}-ci-plan`, "AmazonEKSAdminViewPolicy"],
      ]);
    }
  });

  it("grants configured admin and read-only roles cluster-wide", () => {
    const admin = "arn:aws:iam::111111111111:role/platform-admin";
    const viewer = "arn:aws:iam::111111111111:role/sso/developers";
    const json = clusterJson(withCluster("dev", { adminRoleArns: [admin], readOnlyRoleArns: [viewer] }));
    expect(
      bodies(json, "aws_eks_access_entry")
        .filter((e) => e.type === "STANDARD")
        .map((e) => [e.principal_arn, e.type]),
    ).toEqual([
      [admin, "STANDARD"],
      [viewer, "STANDARD"],
    ]);
    const associations = bodies(json, "aws_eks_access_policy_association");
    expect(associations.map((a) => [a.policy_arn, a.access_scope])).toEqual([
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", { type: "cluster" }],
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy", { type: "cluster" }],
    ]);
  });

  it("gives the cluster role AmazonEKSClusterPolicy as its only managed policy", () => {
    const json = cluster("dev");
    const [[roleId]] = resourcesOf(json, "aws_iam_role").filter(([, r]) => r.name === "sparki-dev-cluster");
    const attached = bodies(json, "aws_iam_role_policy_attachment").filter((a) => String(a.role).includes(roleId));
    expect(attached.map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
  });

  it("launches nodes with IMDSv2 only, hop limit 1, and encrypted gp3 root volumes", () => {
    const templates = bodies(cluster("prod"), "aws_launch_template");
    expect(templates).toHaveLength(2);
    for (const template of templates) {
      expect(template.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
      const [root] = template.block_device_mappings as { ebs: Record<string, unknown> }[];
      expect(root.ebs).toMatchObject({ volume_type: "gp3", encrypted: "true", volume_size: 50 });
      expect(root.ebs.kms_key_id).toMatch(/^\$\{aws_kms_key\.storage-key/);
      expect((template.vpc_security_group_ids as string[])[0]).toMatch(fromCore("node_security_group_id"));
    }
  });

  it("lets Auto Scaling use the volume key, so encrypted nodes can launch", () => {
    const [grant] = bodies(cluster("dev"), "aws_kms_grant");
    expect(grant.grantee_principal).toBe(
      "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
    );
    expect(grant.operations).toEqual(expect.arrayContaining(["CreateGrant", "GenerateDataKeyWithoutPlaintext", "Decrypt"]));
  });

  it("replaces node groups create-before-destroy under a name prefix", () => {
    const groups = bodies(cluster("prod"), "aws_eks_node_group");
    expect(groups.map((g) => g.node_group_name_prefix)).toEqual(["sparki-prod-system-", "sparki-prod-workload-"]);
    for (const group of groups) {
      expect(group.node_group_name).toBeUndefined();
      expect(group.lifecycle).toMatchObject({ create_before_destroy: true });
      expect(group.update_config).toEqual({ max_unavailable_percentage: 33 });
      expect(group.ami_type).toBe("AL2023_x86_64_STANDARD");
    }
  });

  it("carries capacity type, sizes, labels and taints from the config", () => {
    const [system] = bodies(cluster("prod"), "aws_eks_node_group");
    expect(system).toMatchObject({
      capacity_type: "ON_DEMAND",
      instance_types: ["m7i.large", "m6i.large"],
      scaling_config: { min_size: 3, desired_size: 3, max_size: 6 },
      labels: { "sparki.dev/pool": "system", "sparki.dev/node-group": "system" },
      taint: [{ key: "CriticalAddonsOnly", value: "true", effect: "PREFER_NO_SCHEDULE" }],
    });
    const [, workload] = bodies(cluster("dev"), "aws_eks_node_group");
    expect(workload.capacity_type).toBe("SPOT");
  });

  it("keeps the CNI policy off the node role", () => {
    const json = cluster("dev");
    const [[nodeRoleId]] = resourcesOf(json, "aws_iam_role").filter(([, r]) => r.name === "sparki-dev-node");
    const attached = bodies(json, "aws_iam_role_policy_attachment")
      .filter((a) => String(a.role).includes(nodeRoleId))
      .map((a) => String(a.policy_arn).split("/").pop());
    expect(attached.sort()).toEqual(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonSSMManagedInstanceCore"]);
  });

  it("scopes each add-on and workload role to exactly one service account through Pod Identity", () => {
    const json = cluster("dev");
    const associations = bodies(json, "aws_eks_pod_identity_association").map((a) => `${a.namespace}/${a.service_account}`);
    expect(associations.sort()).toEqual([
      "apps/engine",
      "apps/web",
      "kube-system/aws-node",
      "kube-system/ebs-csi-controller-sa",
      "observability/fluent-bit",
      "observability/grafana",
      "platform/aws-load-balancer-controller",
      "platform/external-secrets",
      "platform/karpenter",
    ]);
    const roles = bodies(json, "aws_iam_role").filter((r) =>
      /-(vpc-cni|ebs-csi|web|engine|load-balancer-controller|external-secrets|karpenter|grafana|fluent-bit)$/.test(String(r.name)),
    );
    expect(roles).toHaveLength(9);
    for (const role of roles) {
      const [statement] = policyOf(role, "assume_role_policy").Statement;
      expect(statement.Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
      expect(statement.Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
      expect(statement.Condition.StringEquals).toEqual({ "aws:SourceAccount": "111111111111" });
    }
    const cniRole = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-dev-vpc-cni")![0];
    const cniPolicies = bodies(json, "aws_iam_role_policy_attachment").filter((a) => String(a.role).includes(cniRole));
    expect(cniPolicies.map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
  });

  it("limits the External Secrets Operator to this environment's secrets and their key", () => {
    const json = cluster("dev");
    const roleId = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-dev-external-secrets")![0];
    const policy = bodies(json, "aws_iam_role_policy").find((p) => String(p.role).includes(roleId))!;
    const [read, decrypt] = policyOf(policy).Statement;
    expect(read.Resource).toBe("arn:aws:secretsmanager:us-east-1:111111111111:secret:sparki-dev/*");
    expect(decrypt.Condition).toEqual({ StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } });
  });

  it("scopes Karpenter's controller policy to this cluster, its queue and its node role", () => {
    const json = cluster("dev");
    const roleId = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-dev-karpenter")![0];
    const policy = bodies(json, "aws_iam_role_policy").find((p) => String(p.role).includes(roleId))!;
    const text = policy.policy as string;
    expect(text).not.toMatch(/\$\{(ClusterName|AWS::)/);
    expect(text).toContain("aws:ResourceTag/kubernetes.io/cluster/sparki-dev");
    const statements = policyOf(policy).Statement;
    expect(statements.find((s) => s.Sid === "AllowPassingInstanceRole")!.Resource).toMatch(/aws_iam_role\.karpenter-node-role/);
    expect(statements.find((s) => s.Sid === "AllowInterruptionQueueActions")!.Resource).toMatch(/aws_sqs_queue\./);
    expect(text.length).toBeLessThan(10_240); // IAM's limit on a role's inline policies
  });

  it("feeds EC2 interruption events to Karpenter's queue and gives its nodes an access entry", () => {
    const json = cluster("dev");
    const [queue] = bodies(json, "aws_sqs_queue");
    expect(queue).toMatchObject({ name: "sparki-dev-karpenter", sqs_managed_sse_enabled: true, message_retention_seconds: 300 });
    const patterns = bodies(json, "aws_cloudwatch_event_rule").map((r) => JSON.parse(r.event_pattern as string)["detail-type"][0]);
    expect(patterns).toEqual(
      expect.arrayContaining([
        "EC2 Spot Instance Interruption Warning",
        "EC2 Instance Rebalance Recommendation",
        "AWS Health Event",
        "EC2 Instance State-change Notification",
      ]),
    );
    expect(bodies(json, "aws_cloudwatch_event_target")).toHaveLength(patterns.length);
    const nodeEntries = bodies(json, "aws_eks_access_entry").filter((e) => e.type === "EC2_LINUX");
    expect(nodeEntries.map((e) => e.principal_arn)).toEqual([expect.stringMatching(/aws_iam_role\.karpenter-node-role/)]);
  });

  it("lets only this account's interruption rules send to Karpenter's queue, over TLS", () => {
    const json = cluster("dev");
    const statements = policyOf(bodies(json, "aws_sqs_queue_policy")[0]).Statement;
    const rules = resourcesOf(json, "aws_cloudwatch_event_rule").map(([name]) => `\${aws_cloudwatch_event_rule.${name}.arn}`);
    expect(rules).toHaveLength(5);
    const send = (sourceArn: string, sourceAccount = "111111111111") =>
      evaluate(statements, "sqs:SendMessage", statements[0].Resource, {
        "aws:SourceArn": sourceArn,
        "aws:SourceAccount": sourceAccount,
        "aws:SecureTransport": "true",
      });
    for (const rule of rules) expect(send(rule)).toBe("allowed");
    expect(send("arn:aws:events:us-east-1:999999999999:rule/anything", "999999999999")).toBe("implicitly denied");
    expect(send(rules[0], "999999999999")).toBe("implicitly denied");
    expect(statements.find((st) => st.Sid === "EventBridgeDelivers")!.Principal).toEqual({ Service: "events.amazonaws.com" });
  });

  it("pins every managed add-on and turns on network policy in the VPC CNI", () => {
    const addons = bodies(cluster("prod"), "aws_eks_addon");
    const pinned = EKS_ADDON_VERSIONS["1.36"];
    expect(Object.fromEntries(addons.map((a) => [a.addon_name, a.addon_version]))).toEqual(pinned);
    for (const addon of addons) {
      expect(addon).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "OVERWRITE" });
    }
    const cni = addons.find((a) => a.addon_name === "vpc-cni")!;
    expect(JSON.parse(cni.configuration_values as string)).toEqual({ enableNetworkPolicy: "true" });
  });

  it("orders add-ons around the node groups", () => {
    const json = cluster("dev");
    const groupRefs = resourcesOf(json, "aws_eks_node_group").map(([id]) => `aws_eks_node_group.${id}`);
    const addon = (name: string) => resourcesOf(json, "aws_eks_addon").find(([, a]) => a.addon_name === name)!;
    for (const [, group] of resourcesOf(json, "aws_eks_node_group")) {
      expect(group.depends_on).toContain(`aws_eks_addon.${addon("vpc-cni")[0]}`);
    }
    expect(addon("coredns")[1].depends_on).toEqual(expect.arrayContaining(groupRefs));
  });

  it("creates immutable, scanned, KMS-encrypted ECR repositories that are never force-deleted", () => {
    const repos = bodies(cluster("prod"), "aws_ecr_repository");
    expect(repos.map((r) => r.name).sort()).toEqual(["sparki/charts/engine", "sparki/charts/web", "sparki/engine", "sparki/web"]);
    for (const repo of repos) {
      expect(repo).toMatchObject({
        image_tag_mutability: "IMMUTABLE",
        image_scanning_configuration: { scan_on_push: true },
        force_delete: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(repo.encryption_configuration).toEqual([
        { encryption_type: "KMS", kms_key: expect.stringMatching(/aws_kms_key\.storage-key/) },
      ]);
    }
    const [policy] = bodies(cluster("prod"), "aws_ecr_lifecycle_policy");
    const rules = JSON.parse(policy.policy as string).rules;
    expect(rules.map((r: any) => r.selection.tagStatus)).toEqual(["untagged", "tagged"]);
    expect(bodies(cluster("dev"), "aws_ecr_repository").every((r: any) => r.lifecycle.prevent_destroy === false)).toBe(true);
  });

  it("reads core values through remote state, never copied literals", () => {
    const json = cluster("staging");
    const [state] = Object.values(json.data?.terraform_remote_state ?? {}) as { backend: string; config: Record<string, unknown> }[];
    expect(state.backend).toBe("s3");
    expect(state.config).toMatchObject({ bucket: "sparki-tfstate-222222222222-us-east-1", key: "staging/staging-core.tfstate" });
    const vpc = eks(json).vpc_config as { subnet_ids: unknown; security_group_ids: string[] };
    // The whole list is one reference to the core stack's output.
    expect(vpc.subnet_ids).toMatch(fromCore("private_subnet_ids"));
    for (const value of vpc.security_group_ids) expect(value).toMatch(remote);
    expect(JSON.stringify(json)).not.toMatch(/"(subnet|sg)-[0-9a-f]+"/);
  });

  it("exports the cluster's connection details, OIDC issuer and role ARNs", () => {
    const outputs = Object.keys(cluster("dev").output ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        "cluster_name",
        "cluster_endpoint",
        "cluster_certificate_authority_data",
        "oidc_issuer_url",
        "node_security_group_id",
        "node_role_arn",
        "vpc_cni_role_arn",
        "ebs_csi_role_arn",
        "web_role_arn",
        "engine_role_arn",
      ]),
    );
    expect(cluster("dev").output?.oidc_issuer_url.value).toMatch(/identity\[0\]\.oidc\[0\]\.issuer/);
  });
});

/** Every resource address a resource needs, through references and depends_on, transitively: destroy removes it first. */
function needs(json: TerraformJson, address: string, seen = new Set<string>()): Set<string> {
  const [type, name] = address.split(".");
  const body = (json.resource as Record<string, Record<string, unknown>>)[type]?.[name];
  for (const match of JSON.stringify(body ?? {}).matchAll(/(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)) {
    const next = `${match[1]}.${match[2]}`;
    if (next !== address && !seen.has(next) && (json.resource as Record<string, Record<string, unknown>>)[match[1]]?.[match[2]]) {
      seen.add(next);
      needs(json, next, seen);
    }
  }
  return seen;
}

describe("destroy order", () => {
  it("removes the cluster before its role's permissions, and node groups before the node role's and the VPC CNI's", () => {
    const json = cluster("prod");
    const address = (type: string, match: (b: Record<string, any>) => boolean) =>
      `${type}.${resourcesOf(json, type).find(([, b]) => match(b))![0]}`;
    const [clusterName] = resourcesOf(json, "aws_eks_cluster")[0];
    const clusterNeeds = needs(json, `aws_eks_cluster.${clusterName}`);
    expect(clusterNeeds).toContain(
      address("aws_iam_role_policy_attachment", (b) => b.policy_arn === "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"),
    );
    expect(clusterNeeds).toContain(address("aws_iam_role_policy", (b) => b.name === "secrets-envelope-encryption"));
    const nodeRole = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-node")![0];
    const nodePolicies = resourcesOf(json, "aws_iam_role_policy_attachment")
      .filter(([, a]) => a.role === `\${aws_iam_role.${nodeRole}.name}`)
      .map(([name]) => `aws_iam_role_policy_attachment.${name}`);
    expect(nodePolicies).toHaveLength(3);
    const cniPolicy = address("aws_iam_role_policy_attachment", (b) => b.policy_arn === "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
    const groups = resourcesOf(json, "aws_eks_node_group");
    expect(groups.length).toBeGreaterThan(0);
    for (const [group] of groups) {
      const groupNeeds = needs(json, `aws_eks_node_group.${group}`);
      for (const policy of [...nodePolicies, cniPolicy]) expect(groupNeeds, `${group} needs ${policy}`).toContain(policy);
    }
    // Every Pod Identity association outlives nothing it grants: it needs its role's permissions.
    for (const [association, body] of resourcesOf(json, "aws_eks_pod_identity_association")) {
      const role = String(body.role_arn).replace(/^\$\{aws_iam_role\.([^.]+)\.arn\}$/, "$1");
      const permissions = [...resourcesOf(json, "aws_iam_role_policy_attachment"), ...resourcesOf(json, "aws_iam_role_policy")]
        .filter(([, p]) => p.role === `\${aws_iam_role.${role}.name}`)
        .map(([name, p]) => `${"policy_arn" in p ? "aws_iam_role_policy_attachment" : "aws_iam_role_policy"}.${name}`);
      for (const permission of permissions) expect(needs(json, `aws_eks_pod_identity_association.${association}`)).toContain(permission);
    }
  });
});

describe("cluster configuration rules", () => {
  it("rejects a Kubernetes version whose EKS standard support has ended", () => {
    const issues = issuesFor("dev", (raw) => (raw.cluster.version = "1.33"));
    const issue = issues.find((i) => i.path === "cluster.version")!;
    expect(issue.message).toMatch(/standard support for 1\.33 ended on 2026-07-29/);
    expect(issue.allowed).toMatch(/1\.35/);
  });

  it("starts every environment on a version with more than six months of standard support left, add-ons pinned for it", () => {
    for (const name of ENVIRONMENT_NAMES) {
      const { version } = environment(name).cluster;
      expect(daysOfStandardSupportLeft(version, EKS_SUPPORT_CALENDAR_CHECKED_ON)).toBeGreaterThan(EKS_SUPPORT_WARNING_DAYS);
      expect(EKS_ADDON_VERSIONS[version]).toBeDefined();
      expect(clusterSupportWarning(name, version, EKS_SUPPORT_CALENDAR_CHECKED_ON)).toBeUndefined();
    }
    // Every version of the calendar has its add-ons pinned, and the reverse.
    expect(Object.keys(EKS_ADDON_VERSIONS).every((v) => v in EKS_STANDARD_SUPPORT_ENDS)).toBe(true);
  });

  it("warns when a version has under six months of standard support left, and says it ended once it has", () => {
    // 1.35 ends 2027-03-27: 118 days after 2026-11-29, 183 days after 2026-09-25, 182 after 2026-09-26.
    expect(daysOfStandardSupportLeft("1.35", "2026-11-29")).toBe(118);
    expect(clusterSupportWarning("prod", "1.35", "2026-09-25")).toBeUndefined();
    expect(clusterSupportWarning("prod", "1.35", "2026-09-26")).toBe(
      "prod: EKS standard support for 1.35 ends on 2027-03-27 (182 days from 2026-09-26); upgrade cluster.version to 1.36",
    );
    expect(clusterSupportWarning("prod", "1.35", "2027-03-28")).toMatch(
      /^prod: EKS standard support for 1\.35 ended on 2027-03-27; EKS upgrades such clusters by itself/,
    );
  });

  it("prints the support warning in the synthesis summary without changing the written Terraform", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "sparki-eks-support-")), "out");
    // 1.36 ends 2027-07-29: 164 days after 2027-02-15.
    const late = synthesize({ environmentsDir: "environments", outdir, only: ["dev"], today: "2027-02-15" });
    expect(late.supportWarnings).toEqual([
      "dev: EKS standard support for 1.36 ends on 2027-07-29 (164 days from 2027-02-15); add the next version to the EKS " +
        "calendar and upgrade",
    ]);
    // A clock before the calendar's check date is judged from the check date.
    expect(clusterSupportWarning("dev", "1.36", "2026-11-29")).toBeUndefined();
  });

  it("judges the support window against a fixed date, not the clock", () => {
    expect(EKS_SUPPORT_CALENDAR_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(standardSupportEnded("1.35", EKS_SUPPORT_CALENDAR_CHECKED_ON)).toBe(false);
    expect(standardSupportEnded("1.35", "2027-03-28")).toBe(true);
    expect(standardSupportEnded("1.35", "2027-03-27")).toBe(false);
  });

  it("accepts admin roles of the environment's own account only", () => {
    const issues = issuesFor("dev", (raw) => (raw.cluster.adminRoleArns = ["arn:aws:iam::999999999999:role/admin"]));
    expect(issues.find((i) => i.path === "cluster.adminRoleArns.0")?.message).toMatch(/not this environment's account 111111111111/);
    const malformed = issuesFor("dev", (raw) => (raw.cluster.readOnlyRoleArns = ["arn:aws:iam::111111111111:user/alice"]));
    expect(malformed.map((i) => i.path)).toContain("cluster.readOnlyRoleArns.0");
  });

  it("picks the arm64 AMI for Graviton instance types and refuses a mix", () => {
    expect(amiTypeFor(["m7g.large", "c7gn.xlarge"])).toBe("AL2023_ARM_64_STANDARD");
    expect(amiTypeFor(["m7i.large", "g5.xlarge"])).toBe("AL2023_x86_64_STANDARD");
    expect(nodeGroupArchitectureProblem(["m7g.large", "c7gn.xlarge"])).toBeUndefined();
    expect(nodeGroupArchitectureProblem(["m7g.large", "m7i.large"])?.message).toMatch(
      /mixes arm64 \(m7g\.large\) and x86_64 \(m7i\.large\)/,
    );
  });
});
