import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { Construct } from "constructs";

export interface ExperimentLogGroupProps {
  /** Log group name, for example `/aws/fis/sparki-staging`. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** KMS key that encrypts the group; its policy must let CloudWatch Logs use it. */
  readonly kmsKeyArn: string;
  readonly retentionDays: number;
}

/**
 * Where every experiment run is logged (targets resolved, actions started and ended, stop
 * conditions): a KMS-encrypted log group with a retention, and a resource policy that lets
 * CloudWatch's log delivery service write experiment logs from this account only.
 */
export class ExperimentLogGroup extends Construct {
  readonly arn: string;
  readonly name: string;

  constructor(scope: Construct, id: string, props: ExperimentLogGroupProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, "group", {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    new CloudwatchLogResourcePolicy(this, "delivery-policy", {
      policyName: `${props.name.replace(/^\//, "").replace(/\//g, "-")}-delivery`,
      policyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "FisExperimentLogDelivery",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${props.region}:${props.accountId}:log-group:${props.name}:*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:logs:${props.region}:${props.accountId}:*` },
            },
          },
        ],
      }),
    });
    this.arn = group.arn;
    this.name = group.name;
  }
}
