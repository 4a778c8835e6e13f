import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import { DEFAULT_PREVIEW_SOURCE_CIDRS, WAF_RATE_WINDOW_SECONDS } from "./defaults";
import { PreviewSourceRule } from "./preview-source-rule";

/** WAF only delivers logs to CloudWatch log groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";

/** Request headers never written to WAF logs: they carry session tokens and credentials. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/**
 * AWS managed rule groups, in evaluation order after the rate rule. `countOnly` rules only count:
 * the common rule set blocks bodies over 8 KB (SizeRestrictions_BODY), which legitimate pipeline
 * definitions and source-host webhooks to the engine exceed.
 */
export const MANAGED_RULE_GROUPS = [
  { name: "AWSManagedRulesAmazonIpReputationList", countOnly: [] },
  { name: "AWSManagedRulesCommonRuleSet", countOnly: ["SizeRestrictions_BODY"] },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", countOnly: [] },
] as const;

export interface EdgeWebAclProps {
  /** Name of the web ACL and suffix of its log group, for example `sparki-prod`. */
  readonly name: string;
  /** ARN of the ALB the web ACL protects. */
  readonly loadBalancerArn: string;
  /** Requests one client IP may send per 5 minutes before it is blocked. */
  readonly rateLimitPer5Minutes: number;
  /** KMS key that encrypts the WAF log group. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /**
   * Sources allowed to send the preview header (`X-Sparki-Colour`); from anywhere else such a
   * request is blocked.
   * @default DEFAULT_PREVIEW_SOURCE_CIDRS (none: previews open to every source)
   */
  readonly previewSourceCidrs?: readonly string[];
}

/**
 * A regional AWS WAF web ACL on the ALB: a per-IP rate limit, then Amazon's IP reputation list,
 * the common rule set and known bad inputs; with `previewSourceCidrs`, a last rule that blocks the
 * preview header from other sources. Every rule emits CloudWatch metrics and samples;
 * full logs go to an encrypted CloudWatch log group with credentials redacted.
 */
export class EdgeWebAcl extends Construct {
  readonly arn: string;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    const rateRule: Wafv2WebAclRule = {
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      // `statement` is untyped in the provider binding: its keys are written in Terraform's snake_case.
      statement: {
        rate_based_statement: { limit: props.rateLimitPer5Minutes, aggregate_key_type: "IP", evaluation_window_sec: WAF_RATE_WINDOW_SECONDS },
      },
      visibilityConfig: visibility(`${props.name}-rate-limit-per-ip`),
    };
    const managedRules: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group.name,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: {
          name: group.name,
          vendor_name: "AWS",
          ...(group.countOnly.length ? { rule_action_override: group.countOnly.map((rule) => ({ name: rule, action_to_use: { count: {} } })) } : {}),
        },
      },
      visibilityConfig: visibility(`${props.name}-${group.name}`),
    }));

    const previewSources = props.previewSourceCidrs ?? DEFAULT_PREVIEW_SOURCE_CIDRS;
    // Last, so the existing rules keep their priorities when the restriction is switched on.
    const previewRule = previewSources.length
      ? [new PreviewSourceRule(this, "preview-sources", { name: props.name, scope: "REGIONAL", sourceCidrs: previewSources, priority: managedRules.length + 1 }).rule]
      : [];

    const acl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: `Protects the internet-facing ALB of ${props.name}`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [rateRule, ...managedRules, ...previewRule],
      visibilityConfig: visibility(props.name),
      tags: { Name: props.name },
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancerArn, webAclArn: acl.arn });

    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `${WAF_LOG_GROUP_PREFIX}${props.name}`,
      kmsKeyId: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: [logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
    });

    this.arn = acl.arn;
    this.logGroupName = logGroup.name;
  }
}
