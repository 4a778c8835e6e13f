import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";

/** Experiment states that need a human: a stop condition fired (stopped) or FIS could not run an action (failed). */
export const EXPERIMENT_ATTENTION_STATES = ["stopped", "failed"] as const;

export interface ExperimentNotificationsProps {
  /** Rule name, for example `sparki-staging-experiment-ended-badly`. */
  readonly ruleName: string;
  /** SNS topic the alarms notify; its policy admits this account's EventBridge rules. */
  readonly topicArn: string;
}

/**
 * Tells the alarm topic when an experiment of this account is stopped by a stop condition or
 * fails: a failover that hurt users must reach someone even when nobody watched the run.
 */
export class ExperimentNotifications extends Construct {
  readonly ruleName: string;

  constructor(scope: Construct, id: string, props: ExperimentNotificationsProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      description:
        "A fault-injection experiment was stopped by a stop condition or failed. Runbook: " +
        "runbooks/resilience.md#an-experiment-stopped-or-failed",
      eventPattern: JSON.stringify({
        source: ["aws.fis"],
        "detail-type": ["FIS Experiment State Change"],
        detail: { "new-state": { status: EXPERIMENT_ATTENTION_STATES } },
      }),
    });
    new CloudwatchEventTarget(this, "target", { rule: rule.name, arn: props.topicArn });
    this.ruleName = rule.name;
  }
}
