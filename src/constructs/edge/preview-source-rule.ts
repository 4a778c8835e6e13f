import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import type { Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { PREVIEW_COLOUR_HEADER } from "../workloads/catalog";

export interface PreviewSourceRuleProps {
  /** Name of the IP set and prefix of the rule's metric, for example `sparki-prod`. */
  readonly name: string;
  /** Scope of the web ACL the rule joins (an IP set is usable only in its own scope). */
  readonly scope: "REGIONAL" | "CLOUDFRONT";
  /** Sources allowed to send the preview header. */
  readonly sourceCidrs: readonly string[];
  /** Priority of the rule in the web ACL. */
  readonly priority: number;
  /** Provider of the web ACL's region (CLOUDFRONT scope: us-east-1). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * A WAF rule that blocks any request carrying the preview header (`X-Sparki-Colour`) from a
 * source outside `sourceCidrs`, and the IP set it checks. A header that is absent or empty
 * never matches (size > 0), so ordinary traffic is untouched. Enforced in the WAF rather than
 * in the listener rules because the WAF sees the client's address even behind CloudFront and
 * an IP set holds any number of CIDRs.
 */
export class PreviewSourceRule extends Construct {
  readonly rule: Wafv2WebAclRule;

  constructor(scope: Construct, id: string, props: PreviewSourceRuleProps) {
    super(scope, id);
    const ipSet = new Wafv2IpSet(this, "ip-set", {
      name: `${props.name}-preview-sources`,
      description: `Sources allowed to send ${PREVIEW_COLOUR_HEADER}`,
      scope: props.scope,
      ipAddressVersion: "IPV4",
      addresses: [...props.sourceCidrs],
      provider: props.provider,
    });
    const metricName = `${props.name}-preview-from-unlisted-source`;
    this.rule = {
      name: "preview-from-unlisted-source",
      priority: props.priority,
      action: { block: {} },
      // `statement` is untyped in the provider binding: its keys are Terraform's snake_case.
      statement: {
        and_statement: {
          statement: [
            {
              size_constraint_statement: {
                // WAF requires single_header names in lower case (it matches them case-insensitively).
                field_to_match: { single_header: { name: PREVIEW_COLOUR_HEADER.toLowerCase() } },
                comparison_operator: "GT",
                size: 0,
                text_transformation: [{ priority: 0, type: "NONE" }],
              },
            },
            { not_statement: { statement: [{ ip_set_reference_statement: { arn: ipSet.arn } }] } },
          ],
        },
      },
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true },
    };
  }
}
