import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";

/** Logs every PostgreSQL instance exports; IAM authentication failures matter because workloads connect with IAM tokens. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade", "iam-db-auth-error"] as const;

export interface InstanceLogGroupsProps {
  /** RDS instance identifier. */
  readonly identifier: string;
  readonly retentionDays: number;
  /** KMS key for the log groups; must grant CloudWatch Logs. */
  readonly kmsKeyArn: string;
}

/**
 * The log groups RDS writes an instance's exports to, created before the instance so that
 * retention and encryption are managed here instead of RDS creating them unencrypted, forever.
 */
export class InstanceLogGroups extends Construct {
  readonly groups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: InstanceLogGroupsProps) {
    super(scope, id);
    this.groups = POSTGRES_LOG_EXPORTS.map(
      (log) =>
        new CloudwatchLogGroup(this, log, {
          name: `/aws/rds/instance/${props.identifier}/${log}`,
          retentionInDays: props.retentionDays,
          kmsKeyId: props.kmsKeyArn,
        }),
    );
  }
}
