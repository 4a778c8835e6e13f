import { CloudfrontDistribution, type CloudfrontDistributionOrderedCacheBehavior } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { Construct } from "constructs";
import { WORKLOADS } from "../workloads/catalog";
import { ALL_VIEWER_ORIGIN_REQUEST_POLICY_ID, CACHING_DISABLED_POLICY_ID, STATIC_ASSET_PATH, staticAssetCachePolicy } from "./cdn-policies";
import { type CdnPriceClass, DEFAULT_CDN_PRICE_CLASS } from "./defaults";

/** Viewer TLS: TLS 1.2 and 1.3 with forward-secret ciphers only (CloudFront's security-policy table). */
export const CDN_VIEWER_TLS_POLICY = "TLSv1.2_2021";
/** HTTP/2 and HTTP/3 (QUIC) to viewers; CloudFront still speaks HTTP/1.1 to the origin. */
export const CDN_HTTP_VERSION = "http2and3";
/** CloudFront's origin id of the ALB within the distribution. */
const ALB_ORIGIN_ID = "alb";

const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
const READ_METHODS = ["GET", "HEAD"];

export interface EdgeDistributionProps {
  /** Prefix of the distribution's policies and comment, for example `sparki-prod`. */
  readonly name: string;
  /** Hostnames viewers use (web, and the engine's own host when it has one); all on the certificate. */
  readonly aliases: readonly string[];
  /** DNS name of the ALB, reached over HTTPS only. */
  readonly originDomainName: string;
  /** ACM certificate in us-east-1 covering every alias. */
  readonly certificateArn: string;
  /** ARN of the CLOUDFRONT-scope web ACL. */
  readonly webAclArn: string;
  /** @default DEFAULT_CDN_PRICE_CLASS */
  readonly priceClass?: CdnPriceClass;
}

/**
 * A CloudFront distribution in front of the ALB: HTTP/2 and 3, TLS 1.2+ with SNI, compression.
 * Only Next.js' hashed build output (`/_next/static/*`) is cached, long, keyed on the preview
 * header; pages and the engine's paths are never cached and reach the ALB with every viewer
 * header (Host included), so the ALB's certificate, routing, weights and previews work as before,
 * and WebSocket upgrades on the engine's paths pass through.
 *
 * No CloudFront access logs: the web ACL logs every request with the client's address, and the
 * ALB's access logs have status, latency and target of everything past the cache.
 */
export class EdgeDistribution extends Construct {
  readonly domainName: string;
  /** Route 53 zone of CloudFront aliases. */
  readonly hostedZoneId: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    const staticPolicy = staticAssetCachePolicy(this, "static-assets", props.name);
    const uncached = { cachePolicyId: CACHING_DISABLED_POLICY_ID, originRequestPolicyId: ALL_VIEWER_ORIGIN_REQUEST_POLICY_ID };
    const behaviour = (
      pathPattern: string,
      methods: string[],
      policies: { cachePolicyId: string; originRequestPolicyId: string },
    ): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId: ALB_ORIGIN_ID,
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: methods,
      cachedMethods: READ_METHODS,
      compress: true,
      ...policies,
    });

    const distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `${props.name}: web and engine`,
      aliases: [...props.aliases],
      httpVersion: CDN_HTTP_VERSION,
      // IPv4 only, like the ALB's records: no AAAA records are written.
      isIpv6Enabled: false,
      priceClass: props.priceClass ?? DEFAULT_CDN_PRICE_CLASS,
      webAclId: props.webAclArn,
      origin: [
        {
          originId: ALB_ORIGIN_ID,
          domainName: props.originDomainName,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        },
      ],
      // First match wins: the static assets, then the engine's paths; everything else is web's default.
      orderedCacheBehavior: [
        behaviour(STATIC_ASSET_PATH, READ_METHODS, {
          cachePolicyId: staticPolicy.id,
          originRequestPolicyId: ALL_VIEWER_ORIGIN_REQUEST_POLICY_ID,
        }),
        ...WORKLOADS.engine.pathPatterns.map((path) => behaviour(path, ALL_METHODS, uncached)),
      ],
      defaultCacheBehavior: {
        targetOriginId: ALB_ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ALL_METHODS,
        cachedMethods: READ_METHODS,
        compress: true,
        ...uncached,
      },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: CDN_VIEWER_TLS_POLICY,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      tags: { Name: props.name },
    });
    this.domainName = distribution.domainName;
    this.hostedZoneId = distribution.hostedZoneId;
    this.arn = distribution.arn;
  }
}
