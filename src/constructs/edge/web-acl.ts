import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import type { TerraformProvider } from "cdktf";
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
  /**
   * ARN of the ALB a REGIONAL web ACL is associated with. A CLOUDFRONT-scope web ACL is attached
   * by the distribution itself (its `web_acl_id`), so it takes none.
   * @default no association
   */
  readonly loadBalancerArn?: string;
  /** @default "REGIONAL" */
  readonly scope?: "REGIONAL" | "CLOUDFRONT";
  /** Provider of the web ACL's region (CLOUDFRONT scope: us-east-1). @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /**
   * Whether the rules that judge the client's address (the per-IP rate limit and the
   * preview-source rule) are included. Off on an ALB behind CloudFront: there every request
   * comes from a CloudFront address, so the rate limit would throttle whole edge locations and
   * the preview rule would block every preview; the CLOUDFRONT-scope web ACL applies them.
   * @default true
   */
  readonly clientAddressRules?: boolean;
  /** Requests one client IP may send per 5 minutes before it is blocked. */
  readonly rateLimitPer5Minutes: number;
  /** KMS key that encrypts the WAF log group (a key of the web ACL's region). */
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
        rate_based_statement: {
          limit: props.rateLimitPer5Minutes,
          aggregate_key_type: "IP",
          evaluation_window_sec: WAF_RATE_WINDOW_SECONDS,
        },
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
          ...(group.countOnly.length
            ? { rule_action_override: group.countOnly.map((rule) => ({ name: rule, action_to_use: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(`${props.name}-${group.name}`),
    }));

    const aclScope = props.scope ?? "REGIONAL";
    const { provider } = props;
    const clientAddressRules = props.clientAddressRules ?? true;
    const previewSources = clientAddressRules ? (props.previewSourceCidrs ?? DEFAULT_PREVIEW_SOURCE_CIDRS) : [];
    // Last, so the existing rules keep their priorities when the restriction is switched on.
    const previewRule = previewSources.length
      ? [
          new PreviewSourceRule(this, "preview-sources", {
            name: props.name,
            scope: aclScope,
            sourceCidrs: previewSources,
            priority: managedRules.length + 1,
            provider,
          }).rule,
        ]
      : [];

    const acl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description:
        aclScope === "REGIONAL"
          ? `Protects the internet-facing ALB of ${props.name}`
          : `Protects the CloudFront distribution of ${props.name}`,
      scope: aclScope,
      defaultAction: { allow: {} },
      rule: [...(clientAddressRules ? [rateRule] : []), ...managedRules, ...previewRule],
      visibilityConfig: visibility(props.name),
      tags: { Name: props.name },
      provider,
    });
    if (props.loadBalancerArn) {
      new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancerArn, webAclArn: acl.arn, provider });
    }

    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `${WAF_LOG_GROUP_PREFIX}${props.name}`,
      kmsKeyId: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
      provider,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      provider,
      resourceArn: acl.arn,
      logDestinationConfigs: [logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
    });

    this.arn = acl.arn;
    this.logGroupName = logGroup.name;
  }
}
