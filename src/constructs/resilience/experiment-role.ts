import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import type { ExperimentPlan, IamStatement } from "./experiments";

export interface ExperimentRoleProps {
  /** Role name, for example `sparki-staging-fis`. */
  readonly roleName: string;
  readonly accountId: string;
  readonly region: string;
  /** The experiments the role runs: it gets exactly their statements and managed policies. */
  readonly experiments: readonly ExperimentPlan[];
}

/**
 * The role AWS FIS assumes to run this environment's experiments: trusted only by FIS for
 * experiments of this account, allowed only the actions of the planned experiments on their
 * targets, and the log delivery of experiment logs.
 */
export class ExperimentRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: ExperimentRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "AWS FIS runs the fault-injection experiments of this environment",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "fis.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Only experiments of this account (confused-deputy protection).
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:fis:${props.region}:${props.accountId}:experiment/*` },
            },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "policy", {
      name: "experiments",
      role: role.name,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: experimentStatements(props.experiments) }),
    });
    for (const policyArn of [...new Set(props.experiments.flatMap((e) => e.managedPolicyArns))].sort()) {
      new IamRolePolicyAttachment(this, `attach-${policyArn.split("/").pop()}`, { role: role.name, policyArn });
    }
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}

/** The role's statements: each experiment's, de-duplicated by Sid, plus experiment log delivery. */
export function experimentStatements(experiments: readonly ExperimentPlan[]): IamStatement[] {
  const bySid = new Map<string, IamStatement>();
  for (const statement of experiments.flatMap((e) => e.statements)) {
    const existing = bySid.get(statement.Sid);
    if (!existing) {
      bySid.set(statement.Sid, statement);
      continue;
    }
    const resources = [...new Set([...list(existing.Resource), ...list(statement.Resource)])].sort();
    bySid.set(statement.Sid, { ...existing, Resource: resources.length === 1 ? resources[0] : resources });
  }
  return [
    ...bySid.values(),
    // FIS sets up log delivery as the role; the log group's own resource policy (ExperimentLogGroup)
    // admits the delivery service, so the role never needs logs:PutResourcePolicy.
    { Sid: "DeliverExperimentLogs", Effect: "Allow", Action: "logs:CreateLogDelivery", Resource: "*" },
    { Sid: "CheckLogDestination", Effect: "Allow", Action: ["logs:DescribeLogGroups", "logs:DescribeResourcePolicies"], Resource: "*" },
  ];
}

function list(value: string | readonly string[]): string[] {
  return typeof value === "string" ? [value] : [...value];
}
