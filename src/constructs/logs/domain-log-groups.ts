import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { Construct } from "constructs";

/**
 * Logs the domain publishes: errors, index and search slow logs, and the security plugin's
 * audit log (who read or changed what; needs fine-grained access control).
 */
export const DOMAIN_LOG_TYPES = {
  ES_APPLICATION_LOGS: "application",
  INDEX_SLOW_LOGS: "index-slow",
  SEARCH_SLOW_LOGS: "search-slow",
  AUDIT_LOGS: "audit",
} as const;

export type DomainLogType = keyof typeof DOMAIN_LOG_TYPES;

export interface DomainLogGroupsProps {
  readonly domainName: string;
  readonly region: string;
  readonly accountId: string;
  readonly retentionDays: number;
  /** KMS key for the log groups; must grant CloudWatch Logs. */
  readonly kmsKeyArn: string;
}

/**
 * Encrypted log groups for the domain's logs, and the resource policy that lets OpenSearch
 * Service write to exactly these groups for exactly this domain (the confused-deputy
 * conditions). Created here so retention and encryption are managed, not left to the service.
 */
export class DomainLogGroups extends Construct {
  /** Log group ARN by log type, as `log_publishing_options` wants them. */
  readonly arns: Readonly<Record<DomainLogType, string>>;
  /** The resource policy; the domain depends on it (the service checks it when publishing is set). */
  readonly policy: CloudwatchLogResourcePolicy;

  constructor(scope: Construct, id: string, props: DomainLogGroupsProps) {
    super(scope, id);
    const arns: Partial<Record<DomainLogType, string>> = {};
    const names: string[] = [];
    for (const [type, suffix] of Object.entries(DOMAIN_LOG_TYPES) as [DomainLogType, string][]) {
      const name = `/aws/opensearch/${props.domainName}/${suffix}`;
      names.push(name);
      arns[type] = new CloudwatchLogGroup(this, suffix, { name, retentionInDays: props.retentionDays, kmsKeyId: props.kmsKeyArn }).arn;
    }
    this.arns = arns as Record<DomainLogType, string>;
    this.policy = new CloudwatchLogResourcePolicy(this, "delivery-policy", {
      policyName: `${props.domainName}-log-delivery`,
      policyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "OpenSearchPublishesDomainLogs",
            Effect: "Allow",
            Principal: { Service: "es.amazonaws.com" },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: names.map((name) => `arn:aws:logs:${props.region}:${props.accountId}:log-group:${name}:*`),
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:aws:es:${props.region}:${props.accountId}:domain/${props.domainName}` },
            },
          },
        ],
      }),
    });
  }
}
