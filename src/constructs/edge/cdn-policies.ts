import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import type { Construct } from "constructs";
import { PREVIEW_COLOUR_HEADER } from "../workloads/catalog";

/**
 * AWS managed cache policy CachingDisabled: nothing cached, nothing in a cache key. For
 * server-rendered pages and the engine's API and WebSocket paths, whose answers depend on the
 * user, the colour and the moment.
 */
export const CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/**
 * AWS managed origin request policy AllViewer: every viewer header (Host among them), cookie and
 * query string reaches the ALB. Host keeps the ALB's certificate valid for CloudFront's TLS check
 * and lets `engineHost` routing and the preview header work as without CloudFront; the WebSocket
 * handshake headers pass as well.
 */
export const ALL_VIEWER_ORIGIN_REQUEST_POLICY_ID = "216adef6-5c7f-47e4-b989-5492eafa07d3";

/** Next.js' build output: file names carry a content hash, so a cached copy never goes stale. */
export const STATIC_ASSET_PATH = "/_next/static/*";

/**
 * TTLs of the static-asset cache policy. Next.js answers these paths with
 * `Cache-Control: public, max-age=31536000, immutable`, which CloudFront honours up to the
 * maximum; the default covers a response without the header. The minimum of 0 lets a
 * `no-store` answer (a chunk missing from one colour during a canary) stay uncached.
 */
export const STATIC_ASSET_TTL_SECONDS = { min: 0, default: 86_400, max: 31_536_000 } as const;

/**
 * Headers in the static assets' cache key. The preview header: a colour's preview must get that
 * colour's chunks, never the live colour's cached copy. Host: with an engine hostname as a second
 * alias, the engine's answer for a static path must not be served on the web host.
 */
export const STATIC_ASSET_CACHE_KEY_HEADERS = [PREVIEW_COLOUR_HEADER, "Host"] as const;

/**
 * The cache policy of `/_next/static/*`: long-lived, keyed on the preview header and Host, and on
 * every query string (Next.js' skew protection adds `?dpl=<deployment>`); gzip and Brotli
 * variants cached separately so CloudFront can serve compressed copies.
 */
export function staticAssetCachePolicy(scope: Construct, id: string, name: string): CloudfrontCachePolicy {
  return new CloudfrontCachePolicy(scope, id, {
    name: `${name}-static-assets`,
    comment: `Hashed Next.js build output, keyed on ${PREVIEW_COLOUR_HEADER}`,
    minTtl: STATIC_ASSET_TTL_SECONDS.min,
    defaultTtl: STATIC_ASSET_TTL_SECONDS.default,
    maxTtl: STATIC_ASSET_TTL_SECONDS.max,
    parametersInCacheKeyAndForwardedToOrigin: {
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      headersConfig: { headerBehavior: "whitelist", headers: { items: [...STATIC_ASSET_CACHE_KEY_HEADERS] } },
      cookiesConfig: { cookieBehavior: "none" },
      queryStringsConfig: { queryStringBehavior: "all" },
    },
  });
}
