/**
 * How long an EKS Kubernetes version keeps standard support, for the synthesis summary's
 * warnings. Pure: the caller passes the day to judge from.
 */
import { EKS_STANDARD_SUPPORT_ENDS } from "./aws-facts";

/**
 * Warn when fewer days than this remain: six months is two EKS minor releases, the time to
 * rehearse an upgrade in staging and roll it through every environment one minor at a time.
 */
export const EKS_SUPPORT_WARNING_DAYS = 183;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `asOf` to the end of standard support (negative once it has passed); undefined for an unknown version. */
export function daysOfStandardSupportLeft(version: string, asOf: string): number | undefined {
  const ends = EKS_STANDARD_SUPPORT_ENDS[version];
  if (ends === undefined) return undefined;
  return Math.round((Date.parse(`${ends}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / DAY_MS);
}

/** A warning for an environment whose cluster version has under EKS_SUPPORT_WARNING_DAYS of standard support left. */
export function clusterSupportWarning(environment: string, version: string, asOf: string): string | undefined {
  const days = daysOfStandardSupportLeft(version, asOf);
  if (days === undefined || days >= EKS_SUPPORT_WARNING_DAYS) return undefined;
  const ends = EKS_STANDARD_SUPPORT_ENDS[version];
  const newer = Object.keys(EKS_STANDARD_SUPPORT_ENDS).filter((v) => EKS_STANDARD_SUPPORT_ENDS[v] > ends);
  const next = newer.length > 0 ? `upgrade cluster.version to ${newer[0]}` : "add the next version to the EKS calendar and upgrade";
  if (days < 0) {
    return (
      `${environment}: EKS standard support for ${version} ended on ${ends}; EKS upgrades such clusters by itself and this ` +
      `version's plans then fail: ${next}`
    );
  }
  return `${environment}: EKS standard support for ${version} ends on ${ends} (${days} days from ${asOf}); ${next}`;
}
