import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { thresholdAlarm } from "../observability/threshold-alarm";

/**
 * Days before expiry at which the alarm fires. ACM starts renewing its own certificates 60 days
 * ahead, so an ACM-issued certificate below 30 days means renewal failed (a validation record
 * is gone); an imported certificate is never renewed by ACM, and 30 days leaves time to get and
 * import a new one.
 */
export const CERTIFICATE_EXPIRY_THRESHOLD_DAYS = 30;
/** ACM publishes `DaysToExpiry` once a day; a shorter period only adds empty datapoints. */
export const CERTIFICATE_EXPIRY_PERIOD_SECONDS = 86_400;
/** Where the alarm's description sends the person it pages. */
export const CERTIFICATE_EXPIRY_RUNBOOK = "runbooks/edge.md#certificate-expiry";

export interface CertificateExpiryAlarmProps {
  /** Alarm name, for example `sparki-prod-alb-certificate-expiry`. */
  readonly name: string;
  /** What the certificate serves, for the description (for example `the ALB's HTTPS listener`). */
  readonly purpose: string;
  readonly certificateArn: string;
  /** SNS topic notified on ALARM and OK; must be in the certificate's region (CloudWatch refuses others). */
  readonly topicArn: string;
  /**
   * Provider of the certificate's region: `DaysToExpiry` exists only in the region that holds the
   * certificate, and an alarm reads only metrics of its own region.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /** @default CERTIFICATE_EXPIRY_THRESHOLD_DAYS */
  readonly thresholdDays?: number;
}

/**
 * A CloudWatch alarm on ACM's `DaysToExpiry` of one certificate: fires when fewer than the
 * threshold days remain, and when the metric stops arriving (ACM no longer emits it for an
 * expired or deleted certificate, so missing data counts as breaching).
 */
export class CertificateExpiryAlarm extends Construct {
  readonly alarmName: string;

  constructor(scope: Construct, id: string, props: CertificateExpiryAlarmProps) {
    super(scope, id);
    const threshold = props.thresholdDays ?? CERTIFICATE_EXPIRY_THRESHOLD_DAYS;
    const alarm: CloudwatchMetricAlarm = thresholdAlarm(this, "alarm", {
      name: props.name,
      description:
        `Certificate of ${props.purpose} expires in fewer than ${threshold} days, or ACM stopped reporting it. Runbook: ` +
        `${CERTIFICATE_EXPIRY_RUNBOOK}`,
      namespace: "AWS/CertificateManager",
      metricName: "DaysToExpiry",
      dimensions: { CertificateArn: props.certificateArn },
      statistic: "Minimum",
      comparison: "LessThanThreshold",
      threshold,
      topicArn: props.topicArn,
      periodSeconds: CERTIFICATE_EXPIRY_PERIOD_SECONDS,
      evaluationPeriods: 1,
      treatMissingData: "breaching",
    });
    // thresholdAlarm has no provider prop; the resource takes one directly.
    if (props.provider) alarm.provider = props.provider;
    this.alarmName = props.name;
  }
}
