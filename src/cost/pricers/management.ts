/**
 * Services billed per object: CloudWatch alarms, KMS keys, Secrets Manager secrets, WAF web ACLs, Route 53 zones;
 * CloudFront by assumed traffic.
 */
import { cents } from "../money";
import { item, type Pricer } from "../pricer";
import { CLOUDFRONT, CLOUDWATCH, COGNITO, KMS, ROUTE53, SECRETS_MANAGER, WAF } from "../prices-us-east-1";
import { blocks } from "../../terraform/json-values";
import { CDN_TRAFFIC_PER_MONTH, DASHBOARDS_MONTHLY_ACTIVE_USERS, WAF_MILLION_REQUESTS_PER_MONTH } from "../defaults";

/** CloudWatch bills an alarm per metric it evaluates: a metric-math alarm pays for each metric in its expression. */
export const metricAlarm: Pricer = {
  types: ["aws_cloudwatch_metric_alarm"],
  price(r) {
    const metrics = Math.max(1, blocks(r.attributes.metric_query).filter((q) => blocks(q.metric).length > 0).length);
    const what =
      metrics === 1
        ? "CloudWatch alarm (standard resolution)"
        : `CloudWatch metric-math alarm over ${metrics} metrics (standard resolution)`;
    return [item(r, what, cents(metrics * CLOUDWATCH.alarmMonth))];
  },
};

export const kmsKey: Pricer = {
  types: ["aws_kms_key"],
  price: (r) => [item(r, "KMS customer managed key", cents(KMS.keyMonth), "first year; each yearly rotation adds $1/month (up to two)")],
};

export const secret: Pricer = {
  types: ["aws_secretsmanager_secret"],
  price: (r) => [item(r, "Secrets Manager secret", cents(SECRETS_MANAGER.secretMonth))],
};

export const webAcl: Pricer = {
  types: ["aws_wafv2_web_acl"],
  price(r) {
    const rules = blocks(r.attributes.rule).length;
    return [
      item(r, `WAF web ACL with ${rules} rule${rules === 1 ? "" : "s"}`, cents(WAF.webAclMonth + rules * WAF.ruleMonth)),
      item(
        r,
        `WAF requests: ${WAF_MILLION_REQUESTS_PER_MONTH} million/month`,
        cents(WAF_MILLION_REQUESTS_PER_MONTH * WAF.millionRequests),
        `WAF_MILLION_REQUESTS_PER_MONTH assumed ($${WAF.millionRequests}/million); traffic above it not counted`,
      ),
    ];
  },
};

export const hostedZone: Pricer = {
  types: ["aws_route53_zone"],
  price: (r) => [item(r, "Route 53 hosted zone", cents(ROUTE53.hostedZoneMonth), "queries not counted")],
};

/** CloudFront has no fixed price: requests and transfer at the assumed CDN_TRAFFIC_PER_MONTH, free tier not deducted. */
export const cloudfrontDistribution: Pricer = {
  types: ["aws_cloudfront_distribution"],
  price(r) {
    const { millionRequests, transferGB } = CDN_TRAFFIC_PER_MONTH;
    const note = "CDN_TRAFFIC_PER_MONTH assumed; traffic above it and the free tier not counted";
    return [
      item(
        r,
        `CloudFront HTTPS requests: ${millionRequests} million/month`,
        cents(millionRequests * CLOUDFRONT.millionHttpsRequests),
        note,
      ),
      item(r, `CloudFront transfer out: ${transferGB} GB/month`, cents(transferGB * CLOUDFRONT.transferOutGB), note),
    ];
  },
};

/** Cognito user pools bill monthly active users above a free tier (per account): a handful of engineers costs nothing. */
export const cognitoUserPool: Pricer = {
  types: ["aws_cognito_user_pool"],
  price(r) {
    const billable = Math.max(0, DASHBOARDS_MONTHLY_ACTIVE_USERS - COGNITO.freeMonthlyActiveUsers);
    return [
      item(
        r,
        `Cognito user pool: ${DASHBOARDS_MONTHLY_ACTIVE_USERS} monthly active users`,
        cents(billable * COGNITO.monthlyActiveUser),
        `DASHBOARDS_MONTHLY_ACTIVE_USERS assumed; the first ${COGNITO.freeMonthlyActiveUsers} per account are free, ` +
          `then $${COGNITO.monthlyActiveUser} each`,
      ),
    ];
  },
};
