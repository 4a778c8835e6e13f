import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";

/** Seconds per aggregation window: the shortest, so incident timelines are precise. */
export const FLOW_LOG_AGGREGATION_SECONDS = 60;

export interface FlowLogsProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly vpcId: string;
  readonly region: string;
  readonly accountId: string;
  /** A retention value CloudWatch Logs accepts. */
  readonly retentionDays: number;
  readonly trafficType: "ALL" | "ACCEPT" | "REJECT";
  /** KMS key that encrypts the log group; its policy must grant CloudWatch Logs. */
  readonly kmsKeyArn: string;
}

/** VPC flow logs to an encrypted CloudWatch log group, delivered by a role that can write only there. */
export class FlowLogs extends Construct {
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vpc/flow-logs/${props.name}`,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const role = new IamRole(this, "role", {
      name: `${props.name}-vpc-flow-logs`,
      description: `Delivers VPC flow logs of ${props.name} to CloudWatch Logs`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Confused-deputy guard: only flow logs of this account may assume the role.
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*` },
            },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "write-log-group", {
      name: "write-flow-log-group",
      role: role.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [group.arn, `${group.arn}:*`],
          },
          {
            Effect: "Allow",
            Action: "logs:DescribeLogGroups",
            Resource: `arn:aws:logs:${props.region}:${props.accountId}:log-group:*`,
          },
        ],
      }),
    });
    new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: props.trafficType,
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
      tags: { Name: `${props.name}-flow-logs` },
    });
    this.logGroupName = group.name;
  }
}
