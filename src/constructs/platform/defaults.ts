import type { HelmValues } from "../helm/values";

/** Defaults of the `platform.*` configuration fields. */

/**
 * `platform.highAvailability` when left out: follows the tier, so production runs every
 * add-on with at least two replicas and a PodDisruptionBudget unless its file says otherwise.
 */
export function defaultHighAvailability(tier: "development" | "production"): boolean {
  return tier === "production";
}

/** The `platform` section when left out: every field at its default. */
export const DEFAULT_PLATFORM_SETTINGS = {} as const;

/** Replicas of every platform controller when highly available, and when not. */
export const HA_REPLICAS = 2;
export const SINGLE_REPLICA = 1;

/** Replica count for a highly available (or not) add-on. */
export function replicasFor(highAvailability: boolean): number {
  return highAvailability ? HA_REPLICAS : SINGLE_REPLICA;
}

/** Spread an add-on's replicas over zones, best effort (a zone outage leaves one running). */
export function zoneSpread(matchLabels: Record<string, string>): HelmValues[] {
  return [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels } }];
}

/** The AL2023 AMI release Karpenter's nodes boot (an awslabs/amazon-eks-ami release tag). */
export const KARPENTER_AMI_ALIAS = "al2023@v20260724";
