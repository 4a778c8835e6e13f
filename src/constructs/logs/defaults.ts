/** Settings of the log search domain every environment shares; sizes come from the environment file. */

/** OpenSearch engine of the domain: the last 2.x line Amazon OpenSearch Service offers. */
export const LOG_SEARCH_ENGINE_VERSION = "OpenSearch_2.19";
/** TLS 1.2 or later with forward-secret ciphers only (the strongest policy the service offers). */
export const LOG_SEARCH_TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10";
/** Zone awareness spreads over at most this many zones (the service's maximum). */
export const MAX_LOG_SEARCH_ZONES = 3;
/** Index prefix Fluent Bit writes (`logs-YYYY.MM.DD`); IAM and the index policy scope to it. */
export const LOG_INDEX_PREFIX = "logs";
/** HTTPS, the only port the domain listens on. */
export const LOG_SEARCH_PORT = 443;

/** Zones a zone-aware domain spreads over: every zone of the environment, up to three. */
export function logSearchZoneCount(availabilityZones: number): number {
  return Math.min(MAX_LOG_SEARCH_ZONES, availabilityZones);
}

/** Domain name (3–28 characters: lowercase letters, digits, hyphens; starts with a letter). */
export function logSearchDomainName(resourcePrefix: string): string {
  return `${resourcePrefix}-logs`;
}

/**
 * Cognito feature plan of the Dashboards user pool. Essentials: admin-only sign-up, TOTP MFA and
 * the hosted sign-in page, with a monthly-active-user free tier; threat protection (advanced
 * security) needs Plus, which has no free tier.
 */
export const DASHBOARDS_USER_POOL_TIER = "ESSENTIALS";
/** Passwords of Dashboards users: at least this long, with every character class (MFA is required too). */
export const DASHBOARDS_PASSWORD_MIN_LENGTH = 14;
/** Days a temporary password from `admin-create-user` stays valid before an administrator must resend it. */
export const DASHBOARDS_TEMPORARY_PASSWORD_DAYS = 3;
/** The Cognito group a person joins to read logs in Dashboards. */
export const DASHBOARDS_READERS_GROUP = "log-readers";
/** Cognito prefix domains: lowercase letters, digits and hyphens, no hyphen first or last, 1–63 characters. */
export const COGNITO_DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Words Cognito refuses anywhere in a prefix domain. */
export const COGNITO_RESERVED_WORDS = ["aws", "amazon", "cognito"] as const;

/**
 * Prefix of the Dashboards sign-in page (`<prefix>.auth.<region>.amazoncognito.com`). Prefix
 * domains are unique per region across every AWS account, so the account id is part of it.
 */
export function dashboardsSignInDomainPrefix(resourcePrefix: string, accountId: string): string {
  return `${resourcePrefix}-logs-${accountId}`;
}
