import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Construct } from "constructs";

/** Seconds an interruption message is kept: Karpenter acts within the two-minute spot warning. */
export const INTERRUPTION_MESSAGE_RETENTION_SECONDS = 300;

/** EventBridge events Karpenter handles (the rules of Karpenter's getting-started template). */
export const INTERRUPTION_EVENTS = {
  "scheduled-change": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
  rebalance: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
  "instance-state-change": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
  "capacity-reservation-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
} as const;

export interface KarpenterInterruptionQueueProps {
  /** Queue name; Karpenter's `settings.interruptionQueue`. */
  readonly queueName: string;
  /** The account whose EventBridge rules may send to the queue. */
  readonly accountId: string;
}

/**
 * The SQS queue Karpenter reads spot interruptions, rebalance recommendations, scheduled
 * maintenance and instance state changes from, and the EventBridge rules that feed it, so
 * nodes are drained before EC2 takes them away.
 */
export class KarpenterInterruptionQueue extends Construct {
  readonly queueName: string;
  readonly queueArn: string;

  constructor(scope: Construct, id: string, props: KarpenterInterruptionQueueProps) {
    super(scope, id);
    const queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      messageRetentionSeconds: INTERRUPTION_MESSAGE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    const rules = Object.entries(INTERRUPTION_EVENTS).map(([name, pattern]) => {
      const rule = new CloudwatchEventRule(this, `${name}-rule`, {
        name: `${props.queueName}-${name}`,
        description: `Karpenter interruption handling: ${pattern["detail-type"][0]}`,
        eventPattern: JSON.stringify(pattern),
      });
      new CloudwatchEventTarget(this, `${name}-target`, { rule: rule.name, targetId: "KarpenterInterruptionQueueTarget", arn: queue.arn });
      return rule;
    });
    new SqsQueuePolicy(this, "policy", {
      queueUrl: queue.url,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Id: "EC2InterruptionPolicy",
        Statement: [
          {
            Sid: "EventBridgeDelivers",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queue.arn,
            // Only these rules of this account (confused-deputy protection): a rule elsewhere
            // cannot inject fake interruptions that make Karpenter drain nodes.
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId }, ArnEquals: { "aws:SourceArn": rules.map((r) => r.arn) } },
          },
          {
            Sid: "DenyHTTP",
            Effect: "Deny",
            Principal: "*",
            Action: "sqs:*",
            Resource: queue.arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
    this.queueName = queue.name;
    this.queueArn = queue.arn;
  }
}
