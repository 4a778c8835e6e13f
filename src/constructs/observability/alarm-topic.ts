import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { EncryptionKey, type ServiceGrant } from "../secrets/encryption-key";

export interface AlarmTopicProps {
  /** Resource name prefix, for example `sparki-prod`; the topic is `<name>-alarms`. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  /** Adds Terraform `prevent_destroy` to the topic's key. @default true */
  readonly preventDestroy?: boolean;
  /** Who is notified: email addresses (each confirms once) or HTTPS endpoints. @default none */
  readonly subscriptions?: readonly AlarmSubscription[];
}

export interface AlarmSubscription {
  readonly protocol: "email" | "https";
  readonly endpoint: string;
}

/**
 * The SNS topic every CloudWatch alarm of an environment notifies, encrypted with its own key,
 * and its subscribers (on-call email, pager HTTPS endpoint).
 */
export class AlarmTopic extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // CloudWatch and EventBridge publish to the encrypted topic with their own service identity, so
    // the key policy (not IAM) must let them create data keys; only for alarms and rules of this
    // account and region (confused-deputy protection, as the SNS guide recommends).
    const fromOwn = (service: string, resource: string): ServiceGrant["condition"] => ({
      StringEquals: { "aws:SourceAccount": props.accountId },
      ArnLike: { "aws:SourceArn": `arn:aws:${service}:${props.region}:${props.accountId}:${resource}` },
    });
    const cloudWatchPublishes: ServiceGrant = {
      sid: "CloudWatchPublishesAlarms",
      service: "cloudwatch.amazonaws.com",
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      condition: fromOwn("cloudwatch", "alarm:*"),
    };
    // EventBridge delivers AWS Backup job failures; it calls KMS the same way.
    const eventBridgePublishes: ServiceGrant = {
      sid: "EventBridgePublishesEvents",
      service: "events.amazonaws.com",
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      condition: fromOwn("events", "rule/*"),
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
    for (const subscription of props.subscriptions ?? []) {
      // Keyed by endpoint, so removing one subscriber never re-creates the others.
      new SnsTopicSubscription(this, `${subscription.protocol}-${subscription.endpoint.replace(/[^A-Za-z0-9]+/g, "-")}`, {
        topicArn: topic.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
      });
    }
    this.arn = topic.arn;
  }
}
