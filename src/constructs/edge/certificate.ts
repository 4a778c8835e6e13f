import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { type ITerraformDependable, TerraformIterator, Token, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/** TTL of the validation CNAMEs: they never change, but a short TTL makes a re-issue quick. */
export const VALIDATION_RECORD_TTL_SECONDS = 300;

export interface DnsValidatedCertificateProps {
  /** The certificate's primary name. */
  readonly domain: string;
  /** Further names on the certificate. @default none */
  readonly alternativeNames?: readonly string[];
  /** Public Route 53 zone holding every name; the validation records go there. */
  readonly hostedZoneId: string;
  /**
   * Provider of the region the certificate is for (CloudFront: us-east-1).
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Validation records another certificate of the same names in this account already writes.
   * ACM gives every certificate of a name the same validation CNAME, in every region, so a second
   * resource for it would delete the first certificate's record when it goes away; with this
   * set, none are written and validation waits for those.
   * @default none: this certificate writes its own records
   */
  readonly sharedValidationRecords?: ITerraformDependable;
}

/**
 * An ACM certificate validated through Route 53: one CNAME per name, written by Terraform, and
 * an `aws_acm_certificate_validation` that waits until ACM issues it, so a listener never points
 * at a pending certificate. ACM renews it on its own while the records exist.
 */
export class DnsValidatedCertificate extends Construct {
  /** ARN of the issued certificate (known only after validation completes). */
  readonly arn: string;
  /** The validation records (for a certificate of the same names elsewhere: `sharedValidationRecords`). */
  readonly validationRecords: ITerraformDependable;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domain,
      subjectAlternativeNames: props.alternativeNames?.length ? [...props.alternativeNames] : undefined,
      validationMethod: "DNS",
      provider: props.provider,
      tags: { Name: props.domain },
      // A name change issues a new certificate before the listener lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    if (props.sharedValidationRecords) {
      const validation = new AcmCertificateValidation(this, "validation", {
        certificateArn: certificate.arn,
        provider: props.provider,
        dependsOn: [props.sharedValidationRecords],
      });
      this.validationRecords = props.sharedValidationRecords;
      this.arn = validation.certificateArn;
      return;
    }
    // domain_validation_options is a set: iterate it by domain name, as Terraform requires.
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: VALIDATION_RECORD_TTL_SECONDS,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: certificate.arn,
      provider: props.provider,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.validationRecords = records;
    this.arn = validation.certificateArn;
  }
}
