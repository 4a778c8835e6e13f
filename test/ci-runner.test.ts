import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { RUNNER_WEBHOOK_EVENT } from "../src/constructs/ci/codebuild-runner";
import { ClusterStack } from "../stacks/cluster-stack";
import { CoreStack } from "../stacks/core-stack";
import { environment, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

function clusterJson(name: string): TerraformJson {
  const app = testApp();
  const core = new CoreStack(app, environment(name));
  const stack = new ClusterStack(app, environment(name), core);
  for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
  return synthJson(stack);
}

const json = clusterJson("prod");
const runnerResource = (type: string) => {
  const found = resourcesOf(json, type).filter(([id]) => id.startsWith("ci-runner_"));
  expect(found, type).toHaveLength(1);
  return found[0]![1] as Record<string, any>;
};
const idOf = (type: string) => resourcesOf(json, type).find(([id]) => id.startsWith("ci-runner_"))![0];

describe("CI runner inside the VPC (cluster stack)", () => {
  it("is a CodeBuild project in the private subnets, named as the workflows' runs-on label expects", () => {
    const project = runnerResource("aws_codebuild_project");
    expect(project.name).toBe("sparki-prod-ci");
    expect(project.source).toMatchObject({ type: "GITHUB", location: "https://github.com/sparki-dev/sparki-platform.git" });
    expect(project.vpc_config.subnets).toMatch(/core-outputs_state_[0-9A-F]{8}\.outputs\.private_subnet_ids/);
    expect(project.vpc_config.vpc_id).toMatch(/outputs\.vpc_id/);
    expect(project.vpc_config.security_group_ids).toEqual([`\${aws_security_group.${idOf("aws_security_group")}.id}`]);
    expect(project.environment.privileged_mode).toBe(false);
    const names = (json.output as Record<string, { value: string }>).ci_runner_project_name.value;
    expect(names).toBe(`\${aws_codebuild_project.${idOf("aws_codebuild_project")}.name}`);
  });

  it("starts builds only for queued workflow jobs", () => {
    const webhook = runnerResource("aws_codebuild_webhook");
    expect(webhook.filter_group).toEqual([{ filter: [{ type: "EVENT", pattern: RUNNER_WEBHOOK_EVENT }] }]);
    expect(RUNNER_WEBHOOK_EVENT).toBe("WORKFLOW_JOB_QUEUED");
  });

  it("may reach the cluster API on 443 and nothing else comes in", () => {
    const ingress = runnerResource("aws_vpc_security_group_ingress_rule");
    expect(ingress).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: "tcp" });
    expect(ingress.security_group_id).toMatch(/^\$\{aws_eks_cluster\.cluster_[0-9A-F]{8}\.vpc_config\[0\]\.cluster_security_group_id\}$/);
    expect(ingress.referenced_security_group_id).toBe(`\${aws_security_group.${idOf("aws_security_group")}.id}`);
    const egress = runnerResource("aws_vpc_security_group_egress_rule");
    expect(egress).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: "tcp" });
    const group = runnerResource("aws_security_group");
    expect(group.ingress).toBeUndefined();
  });

  it("logs to a KMS-encrypted log group with the environment's retention", () => {
    const project = runnerResource("aws_codebuild_project");
    const logGroup = runnerResource("aws_cloudwatch_log_group");
    expect(project.logs_config.cloudwatch_logs).toEqual({
      status: "ENABLED",
      group_name: `\${aws_cloudwatch_log_group.${idOf("aws_cloudwatch_log_group")}.name}`,
    });
    expect(logGroup.kms_key_id).toMatch(/outputs\.logs_kms_key_arn/);
    expect(logGroup.retention_in_days).toBe(environment("prod").observability.logRetentionDays);
  });

  it("has a service role that writes its logs and attaches to the VPC, and cannot deploy anything", () => {
    const role = runnerResource("aws_iam_role");
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement[0].Principal).toEqual({ Service: "codebuild.amazonaws.com" });
    expect(trust.Statement[0].Condition.ArnLike["aws:SourceArn"]).toMatch(/:project\/sparki-prod-ci$/);
    expect(resourcesOf(json, "aws_iam_role_policy_attachment").filter(([id]) => id.startsWith("ci-runner_"))).toEqual([]);
    const policy = runnerResource("aws_iam_role_policy").policy as string;
    const actions = [...policy.matchAll(/"((?:ec2|logs|codeconnections|codestar-connections|sts|iam|eks|s3):[A-Za-z*]+)"(?!\s*=)/g)].map(
      (m) => m[1],
    );
    expect(actions.length).toBeGreaterThan(0);
    const allowed = [
      /logs:(CreateLogStream|PutLogEvents)/,
      /ec2:(CreateNetworkInterface|CreateNetworkInterfacePermission|DeleteNetworkInterface|Describe\w+)/,
      /(codeconnections|codestar-connections):GetConnection(Token)?/,
    ];
    const allowedAction = new RegExp(`^(${allowed.map((a) => a.source).join("|")})$`);
    for (const action of actions) expect(action, action).toMatch(allowedAction);
    expect(policy).not.toMatch(/"\*:\*"|sts:AssumeRole/);
    expect(policy).toMatch(/ec2:AuthorizedService/);
  });
});
