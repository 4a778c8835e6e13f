import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { EdgeDistribution } from "./cdn";
import { DnsValidatedCertificate } from "./certificate";
import { CertificateExpiryAlarm } from "./certificate-expiry-alarm";
import type { CdnPriceClass } from "./defaults";
import { EdgeWebAcl } from "./web-acl";

export interface CdnFrontProps {
  /** Resource name prefix, for example `sparki-prod`; the web ACL is `<name>-cdn`. */
  readonly name: string;
  /** Web hostname, and the engine's own hostname when it has one: the distribution's aliases. */
  readonly hostnames: readonly string[];
  /** DNS name of the ALB the distribution forwards to. */
  readonly originDomainName: string;
  /** Provider of us-east-1, where CloudFront takes certificates and CLOUDFRONT-scope web ACLs. */
  readonly provider: TerraformProvider;
  /** Route 53 zone for a DNS-validated us-east-1 certificate; without it `certificateArn` is used. @default none */
  readonly hostedZoneId?: string;
  /** With `hostedZoneId`: the ALB certificate's validation records, which also validate CloudFront's (same names). */
  readonly validationRecords?: ITerraformDependable;
  /** Existing us-east-1 certificate covering every hostname (only without `hostedZoneId`). @default none */
  readonly certificateArn?: string;
  /** @default DEFAULT_CDN_PRICE_CLASS */
  readonly priceClass?: CdnPriceClass;
  /** Topic the certificate-expiry alarm notifies; it must be in us-east-1 too. */
  readonly alarmTopicArn: string;
  /** Rules of the web ACL (as the regional one): per-IP rate limit and preview sources. */
  readonly rateLimitPer5Minutes: number;
  /** @default none: previews open to every source */
  readonly previewSourceCidrs?: readonly string[];
  /** KMS key of us-east-1 that encrypts the web ACL's log group. */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * CloudFront in front of the ALB, with what only us-east-1 can hold: its certificate
 * (DNS-validated, or an existing one) and that certificate's expiry alarm, and the
 * CLOUDFRONT-scope web ACL that now judges clients by their own addresses (rate limit, IP
 * reputation, preview sources), logged like the regional one.
 */
export class CdnFront extends Construct {
  readonly domainName: string;
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: CdnFrontProps) {
    super(scope, id);
    const { provider } = props;
    const [domain, ...alternativeNames] = props.hostnames;
    const certificateArn = props.hostedZoneId
      ? new DnsValidatedCertificate(this, "certificate", {
          domain,
          alternativeNames,
          hostedZoneId: props.hostedZoneId,
          provider,
          sharedValidationRecords: props.validationRecords,
        }).arn
      : // The schema's rules require edge.cdn.certificateArn whenever hostedZoneId is absent.
        props.certificateArn!;
    new CertificateExpiryAlarm(this, "certificate-expiry", {
      name: `${props.name}-cdn-certificate-expiry`,
      purpose: "the CloudFront distribution",
      certificateArn,
      topicArn: props.alarmTopicArn,
      provider,
    });
    const webAcl = new EdgeWebAcl(this, "waf", {
      name: `${props.name}-cdn`,
      scope: "CLOUDFRONT",
      provider,
      rateLimitPer5Minutes: props.rateLimitPer5Minutes,
      previewSourceCidrs: props.previewSourceCidrs,
      logsKeyArn: props.logsKeyArn,
      logRetentionDays: props.logRetentionDays,
    });
    const distribution = new EdgeDistribution(this, "distribution", {
      name: props.name,
      aliases: props.hostnames,
      originDomainName: props.originDomainName,
      certificateArn,
      webAclArn: webAcl.arn,
      priceClass: props.priceClass,
    });
    this.domainName = distribution.domainName;
    this.hostedZoneId = distribution.hostedZoneId;
  }
}
