import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { CodebuildWebhook } from "@cdktf/provider-aws/lib/codebuild-webhook";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn } from "cdktf";
import { Construct } from "constructs";

/** HTTPS: the Kubernetes API endpoint, and GitHub, STS, ECR and the other AWS APIs through NAT. */
export const HTTPS_PORT = 443;

/**
 * AWS-curated build image (Amazon Linux 2023, Node 22, AWS CLI). CodeBuild patches curated
 * images in place; the major version is what can be pinned.
 */
export const DEFAULT_RUNNER_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
/** 4 vCPU, 7 GB: synthesis and several Terraform plans in one job. */
export const DEFAULT_RUNNER_COMPUTE_TYPE = "BUILD_GENERAL1_MEDIUM";
/** Minutes a build may run: the longest apply job's timeout plus its set-up. */
export const DEFAULT_RUNNER_TIMEOUT_MINUTES = 120;

/** The only webhook event the runner reacts to: GitHub queued a job that asks for this project. */
export const RUNNER_WEBHOOK_EVENT = "WORKFLOW_JOB_QUEUED";

export interface CodebuildRunnerProps {
  /** Project name; workflows select it with `runs-on: codebuild-<name>-${{ github.run_id }}-${{ github.run_attempt }}`. */
  readonly name: string;
  /** `owner/name` of the GitHub repository whose workflow jobs the project runs. */
  readonly githubRepository: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  /** Private subnets with a route to NAT (GitHub, STS and AWS APIs are reached through it). */
  readonly subnetIds: string[];
  /** Security group EKS created for the control plane; the runner gets 443 into it. */
  readonly clusterSecurityGroupId: string;
  /** KMS key of CloudWatch log groups. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** @default DEFAULT_RUNNER_IMAGE */
  readonly image?: string;
  /** @default DEFAULT_RUNNER_COMPUTE_TYPE */
  readonly computeType?: string;
  /** @default DEFAULT_RUNNER_TIMEOUT_MINUTES */
  readonly timeoutMinutes?: number;
}

/**
 * A CodeBuild project that runs this repository's GitHub Actions jobs inside the VPC, so jobs
 * that talk to the private Kubernetes API endpoint can reach it. The runner's own role can only
 * write its logs and attach to the VPC: jobs still assume the plan or apply role through GitHub
 * OIDC, exactly as on GitHub-hosted runners.
 *
 * CodeBuild reaches GitHub with the account's source credential for GitHub (a CodeConnections
 * connection), set up once by hand: `runbooks/ci-runner.md`.
 */
export class CodebuildRunner extends Construct {
  readonly projectName: string;
  readonly securityGroupId: string;
  readonly roleArn: string;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: CodebuildRunnerProps) {
    super(scope, id);
    const { name, accountId, region } = props;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/codebuild/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });

    const securityGroup = new SecurityGroup(this, "security-group", {
      name: `${name}-runner`,
      description: "CodeBuild-hosted GitHub Actions runner: outbound HTTPS only",
      vpcId: props.vpcId,
      tags: { Name: `${name}-runner` },
    });
    new VpcSecurityGroupEgressRule(this, "https-out", {
      securityGroupId: securityGroup.id,
      description: "GitHub, STS, AWS APIs (through NAT) and the Kubernetes API",
      ipProtocol: "tcp",
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: "0.0.0.0/0",
    });
    new VpcSecurityGroupIngressRule(this, "cluster-api-from-runner", {
      securityGroupId: props.clusterSecurityGroupId,
      description: "Kubernetes API from the CI runner",
      ipProtocol: "tcp",
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      referencedSecurityGroupId: securityGroup.id,
    });

    const role = new IamRole(this, "role", {
      name: `${name}-runner`,
      description: "CodeBuild service role of the CI runner: logs and VPC attachment only",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "codebuild.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Only this account's project of this name may use the role (confused deputy).
            Condition: {
              StringEquals: { "aws:SourceAccount": accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:codebuild:${region}:${accountId}:project/${name}` },
            },
          },
        ],
      }),
    });
    const subnetArns = Fn.formatlist(`arn:aws:ec2:${region}:${accountId}:subnet/%s`, [props.subnetIds]);
    new IamRolePolicy(this, "policy", {
      name: "runner",
      role: role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Sid: "WriteBuildLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
          // CodeBuild's documented VPC permissions; these Describe/ENI calls take no resource ARN.
          {
            Sid: "AttachToVpc",
            Effect: "Allow",
            Action: [
              "ec2:CreateNetworkInterface",
              "ec2:DescribeDhcpOptions",
              "ec2:DescribeNetworkInterfaces",
              "ec2:DeleteNetworkInterface",
              "ec2:DescribeSubnets",
              "ec2:DescribeSecurityGroups",
              "ec2:DescribeVpcs",
            ],
            Resource: "*",
          },
          {
            Sid: "InterfacesInRunnerSubnetsOnly",
            Effect: "Allow",
            Action: "ec2:CreateNetworkInterfacePermission",
            Resource: `arn:aws:ec2:${region}:${accountId}:network-interface/*`,
            Condition: { StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" }, ArnEquals: { "ec2:Subnet": subnetArns } },
          },
          // The account's GitHub source credential is a connection made by hand (runbook).
          {
            Sid: "UseGithubConnection",
            Effect: "Allow",
            Action: [
              "codeconnections:GetConnectionToken",
              "codeconnections:GetConnection",
              "codestar-connections:GetConnectionToken",
              "codestar-connections:GetConnection",
            ],
            Resource: [
              `arn:aws:codeconnections:${region}:${accountId}:connection/*`,
              `arn:aws:codestar-connections:${region}:${accountId}:connection/*`,
            ],
          },
        ],
      }),
    });

    const project = new CodebuildProject(this, "project", {
      name,
      description: `GitHub Actions runner for ${props.githubRepository} inside the VPC`,
      serviceRole: role.arn,
      buildTimeout: props.timeoutMinutes ?? DEFAULT_RUNNER_TIMEOUT_MINUTES,
      // Runner projects take their commands from the workflow job, not from a buildspec.
      source: { type: "GITHUB", location: `https://github.com/${props.githubRepository}.git`, gitCloneDepth: 1 },
      artifacts: { type: "NO_ARTIFACTS" },
      environment: {
        type: "LINUX_CONTAINER",
        computeType: props.computeType ?? DEFAULT_RUNNER_COMPUTE_TYPE,
        image: props.image ?? DEFAULT_RUNNER_IMAGE,
        imagePullCredentialsType: "CODEBUILD",
        privilegedMode: false,
      },
      vpcConfig: { vpcId: props.vpcId, subnets: props.subnetIds, securityGroupIds: [securityGroup.id] },
      logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name }, s3Logs: { status: "DISABLED" } },
    });
    new CodebuildWebhook(this, "webhook", {
      projectName: project.name,
      buildType: "BUILD",
      filterGroup: [{ filter: [{ type: "EVENT", pattern: RUNNER_WEBHOOK_EVENT }] }],
    });

    this.projectName = project.name;
    this.securityGroupId = securityGroup.id;
    this.roleArn = role.arn;
    this.logGroupName = logGroup.name;
  }
}
