import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";

/** AWS managed policy that lets RDS publish OS metrics to CloudWatch Logs. */
export const ENHANCED_MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

export interface EnhancedMonitoringRoleProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly accountId: string;
}

/** The role RDS Enhanced Monitoring assumes to publish OS metrics of this account's instances. */
export class EnhancedMonitoringRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EnhancedMonitoringRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: `${props.name}-rds-monitoring`,
      description: `RDS Enhanced Monitoring of ${props.name}`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "monitoring.rds.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      }),
    });
    new IamRolePolicyAttachment(this, "policy", { role: role.name, policyArn: ENHANCED_MONITORING_POLICY_ARN });
    this.arn = role.arn;
  }
}
