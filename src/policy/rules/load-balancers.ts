/** Application load balancers: header hygiene, TLS, access logs and a WAF in front of public ones. */
import { block, blocks, isTrue } from "../../terraform/json-values";
import type { PolicyRule, ResourceView } from "../types";

const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"];
const isApplication = (r: ResourceView) => (r.attributes.load_balancer_type ?? "application") === "application";
/** Predefined ELB policies that allow nothing older than TLS 1.2 (TLS13-1-0 and TLS13-1-1 do). */
const TLS12_OR_NEWER = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

export const loadBalancerRules: PolicyRule[] = [
  {
    id: "SPK-LB-DROP-HEADERS",
    checkov: "CKV_AWS_131",
    description: "Application load balancers drop invalid HTTP header fields",
    types: LOAD_BALANCER_TYPES,
    check: (r) =>
      !isApplication(r) || isTrue(r.attributes.drop_invalid_header_fields) ? undefined : "drop_invalid_header_fields is not true",
  },
  {
    id: "SPK-LB-ACCESS-LOGS",
    checkov: "CKV_AWS_91",
    description: "Application load balancers write access logs",
    types: LOAD_BALANCER_TYPES,
    check: (r) => (!isApplication(r) || isTrue(block(r.attributes.access_logs)?.enabled) ? undefined : "access_logs is not enabled"),
  },
  {
    id: "SPK-LB-TLS",
    checkov: "CKV_AWS_103",
    description: "HTTPS listeners use a TLS 1.2+ security policy; HTTP listeners only redirect to HTTPS",
    types: ["aws_lb_listener", "aws_alb_listener"],
    check: (r) => {
      const a = r.attributes;
      if (a.protocol === "HTTPS")
        return TLS12_OR_NEWER.test(String(a.ssl_policy ?? ""))
          ? undefined
          : `ssl_policy ${String(a.ssl_policy ?? "(default ELBSecurityPolicy-2016-08)")} allows TLS older than 1.2`;
      if (a.protocol === "HTTP") {
        const redirects = blocks(a.default_action).every(
          (action) => action.type === "redirect" && block(action.redirect)?.protocol === "HTTPS",
        );
        return redirects ? undefined : "an HTTP listener serves traffic instead of redirecting to HTTPS";
      }
      return undefined;
    },
  },
  {
    id: "SPK-LB-WAF",
    checkov: "CKV2_AWS_28",
    description: "Internet-facing application load balancers have a WAF web ACL associated in the same stack",
    types: LOAD_BALANCER_TYPES,
    check: (r, stack) => {
      if (!isApplication(r) || isTrue(r.attributes.internal)) return undefined;
      const arn = `\${${r.address}.arn}`;
      const protectedBy = stack.resources.some((x) => x.type === "aws_wafv2_web_acl_association" && x.attributes.resource_arn === arn);
      return protectedBy ? undefined : "no aws_wafv2_web_acl_association for this internet-facing load balancer";
    },
  },
];
