/**
 * Defaults and fixed settings of the edge: every number the load balancer, target groups and WAF
 * use, named here with the reason for its value.
 */

/**
 * `edge.rateLimitPer5Minutes` when left out: requests one client IP may send in 5 minutes before
 * the WAF blocks it. 2,000 (≈ 7 per second, sustained) is far above a person using the UI and the
 * REST API, and low enough to stop a single-source flood or credential stuffing.
 * @default 2000
 */
export const DEFAULT_WAF_RATE_LIMIT = 2000;
/** The rate-based rule's window: 5 minutes, the window the limit is stated in. */
export const WAF_RATE_WINDOW_SECONDS = 300;
/** Bounds of a rate-based rule's limit (AWS WAF RateBasedStatement.Limit). */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/**
 * `edge.accessLogRetentionDays` when left out: days the ALB access logs are kept in S3 (a
 * quarter of request history for incident review).
 * @default 90
 */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;

/**
 * TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward-secret ciphers only
 * (listed in the ALB security-policy table). Backend connections are plain HTTP inside the VPC.
 */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * ALB idle timeout. An engine WebSocket that exchanges no frame for this long is closed by the
 * ALB; 300 s lets clients that ping every 30-60 s (browser WebSocket libraries' usual heartbeat)
 * miss several pings without losing the connection. It also bounds idle keep-alive connections
 * to targets, so the web and engine servers must keep idle connections open longer than this
 * (otherwise the ALB reuses a connection the target just closed and answers 502).
 */
export const IDLE_TIMEOUT_SECONDS = 300;

/**
 * How the ALB treats requests that may be HTTP desync (request smuggling) attempts: `strictest`
 * blocks every request that does not comply with RFC 7230, including ambiguous ones that
 * `defensive` (the AWS default) still forwards.
 */
export const DESYNC_MITIGATION_MODE = "strictest";

/** Health checks of every target group: the catalog's readiness path on the traffic port. */
export const HEALTH_CHECK = {
  /** Seconds between checks: a pod that turns unready leaves rotation within ~30 s. */
  intervalSeconds: 10,
  timeoutSeconds: 5,
  /** Two passes (20 s) before a new pod takes traffic. */
  healthyThreshold: 2,
  /** Three failures (30 s) before a pod leaves: one slow response does not eject it. */
  unhealthyThreshold: 3,
  matcher: "200",
} as const;

/**
 * Deregistration delay of web's target groups: in-flight page renders finish in seconds, and it
 * stays below web's termination grace period (45 s) so the ALB lets go before the pod is killed.
 */
export const WEB_DEREGISTRATION_DELAY_SECONDS = 30;

/**
 * Cookie (lb_cookie) stickiness of the engine's target groups: REST calls of one client keep
 * reaching the pod that holds its WebSocket, which avoids cross-pod fan-out for a session.
 */
export const ENGINE_STICKINESS_SECONDS = 3600;

/**
 * Target-group stickiness of a weighted forward, used only while traffic is split between the
 * colours (a canary): a client stays on the colour it first reached, so a page rendered by one
 * web build never loads the other build's `/_next/static` chunks, and an engine client does not
 * alternate versions between requests. When one colour holds 100 % the forward has no
 * stickiness, so a rollback moves every client at once.
 */
export const CANARY_STICKINESS_SECONDS = 600;

/** Priority of the listener rule that routes the engine's paths (or host); web is the default action. */
export const ENGINE_RULE_PRIORITY = 100;

/**
 * Priorities of the preview rules (`X-Sparki-Colour`), per workload, plus the colour's index:
 * below ENGINE_RULE_PRIORITY so a preview wins over the weighted forwards, and the engine's
 * preview before web's, whose header-only condition would also match the engine's paths.
 */
export const PREVIEW_RULE_PRIORITY = { engine: 10, web: 20 } as const;

/**
 * `edge.previewSourceCidrs` when left out: no source restriction, so anyone who sends the
 * preview header reaches the idle colour (the WAF still applies).
 * @default []
 */
export const DEFAULT_PREVIEW_SOURCE_CIDRS: readonly string[] = [];

/**
 * `edge.cdn.enabled` when left out: no CloudFront distribution; clients reach the ALB directly.
 * @default false
 */
export const DEFAULT_CDN_ENABLED = false;

/** CloudFront price classes: which edge locations serve viewers (and what they cost). */
export const CDN_PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type CdnPriceClass = (typeof CDN_PRICE_CLASSES)[number];

/**
 * `edge.cdn.priceClass` when left out: North America, Europe and Israel only, the cheapest
 * class; viewers elsewhere are served from the nearest of those locations.
 * @default "PriceClass_100"
 */
export const DEFAULT_CDN_PRICE_CLASS: CdnPriceClass = "PriceClass_100";

/** The one region where CloudFront takes certificates and CLOUDFRONT-scope web ACLs. */
export const CLOUDFRONT_REGION = "us-east-1";
