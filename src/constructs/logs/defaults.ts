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
