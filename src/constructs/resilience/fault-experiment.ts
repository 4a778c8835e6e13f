import { FisExperimentTemplate } from "@cdktf/provider-aws/lib/fis-experiment-template";
import { Construct } from "constructs";
import type { ExperimentPlan } from "./experiments";

/** FIS log schema version 2 adds the resolved target ARNs to each log record. */
export const EXPERIMENT_LOG_SCHEMA_VERSION = 2;
/** An experiment whose targets resolve to nothing fails instead of "passing" without touching anything. */
export const EMPTY_TARGET_RESOLUTION_MODE = "fail";

export interface FaultExperimentProps {
  /** Resource name prefix, for example `sparki-staging`; the template's Name tag is `<name>-<plan key>`. */
  readonly name: string;
  readonly plan: ExperimentPlan;
  readonly roleArn: string;
  /** CloudWatch alarms that stop the experiment when they fire; at least one. */
  readonly stopAlarmArns: readonly string[];
  /** Log group that records every run. */
  readonly logGroupArn: string;
}

/**
 * One AWS FIS experiment template: a single action on a single target, stopped by the "users
 * are hurt" alarms, logged to the experiment log group. Creating it runs nothing; an operator or
 * a schedule starts it (runbooks/resilience.md).
 */
export class FaultExperiment extends Construct {
  readonly templateId: string;
  readonly templateName: string;

  constructor(scope: Construct, id: string, props: FaultExperimentProps) {
    super(scope, id);
    const { plan } = props;
    if (props.stopAlarmArns.length === 0) throw new Error(`experiment ${plan.key} needs at least one stop-condition alarm`);
    const target = plan.target;
    this.templateName = `${props.name}-${plan.key}`;
    const template = new FisExperimentTemplate(this, "template", {
      description: plan.description,
      roleArn: props.roleArn,
      action: [
        {
          name: actionName(plan.key),
          actionId: plan.actionId,
          parameter: Object.entries(plan.parameters).map(([key, value]) => ({ key, value })),
          target: { key: plan.actionTargetKey, value: "targets" },
        },
      ],
      target: [
        {
          name: "targets",
          resourceType: target.resourceType,
          selectionMode: target.selectionMode,
          resourceArns: target.resourceArns ? [...target.resourceArns] : undefined,
          resourceTag: target.resourceTags ? Object.entries(target.resourceTags).map(([key, value]) => ({ key, value })) : undefined,
          filter: target.filters?.map((f) => ({ path: f.path, values: [...f.values] })),
          parameters: target.parameters ? { ...target.parameters } : undefined,
        },
      ],
      stopCondition: props.stopAlarmArns.map((value) => ({ source: "aws:cloudwatch:alarm", value })),
      logConfiguration: {
        logSchemaVersion: EXPERIMENT_LOG_SCHEMA_VERSION,
        cloudwatchLogsConfiguration: { logGroupArn: `${props.logGroupArn}:*` },
      },
      experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: EMPTY_TARGET_RESOLUTION_MODE },
      tags: { Name: this.templateName, "sparki.dev/experiment": plan.kind },
    });
    this.templateId = template.id;
  }
}

/** FIS action names allow letters, digits, hyphens and underscores (64 at most). */
function actionName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64);
}
