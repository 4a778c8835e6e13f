import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Construct } from "constructs";
import { EncryptionKey, type ServiceGrant } from "../secrets/encryption-key";

export interface AlarmTopicProps {
  /** Resource name prefix, for example `sparki-prod`; the topic is `<name>-alarms`. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  /** Adds Terraform `prevent_destroy` to the topic's key. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * The SNS topic every CloudWatch alarm of an environment notifies, encrypted with its own key.
 * Subscribers (pager, chat) are added by operators or the observability stack.
 */
export class AlarmTopic extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // CloudWatch publishes to an encrypted topic with its own service identity, so the key
    // policy (not IAM) must let it create data keys; AWS documents no narrower condition here.
    const cloudWatchPublishes: ServiceGrant = {
      sid: "CloudWatchPublishesAlarms",
      service: "cloudwatch.amazonaws.com",
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    };
    // EventBridge delivers AWS Backup job failures; it calls KMS the same way.
    const eventBridgePublishes: ServiceGrant = {
      sid: "EventBridgePublishesEvents",
      service: "events.amazonaws.com",
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
    };
    const key = new EncryptionKey(this, "key", {
      alias: `${props.name}-alarms`,
      description: `Encrypts the alarm topic of ${props.name}`,
      accountId: props.accountId,
      serviceGrants: [cloudWatchPublishes, eventBridgePublishes],
      preventDestroy: props.preventDestroy,
    });
    const topic = new SnsTopic(this, "topic", { name: `${props.name}-alarms`, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, "policy", {
      arn: topic.arn,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
            },
          },
          {
            Sid: "AccountEventRulesPublish",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:events:${props.region}:${props.accountId}:rule/*` },
            },
          },
        ],
      }),
    });
    this.arn = topic.arn;
  }
}
