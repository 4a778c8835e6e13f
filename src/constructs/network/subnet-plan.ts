/**
 * Subnet CIDR planning. Pure (no cdktf): the environment schema uses it to reject a VPC that
 * cannot hold its subnets, and the Network construct uses it to place them.
 */
import { allocateSubnets, formatCidr, parseCidr } from "../../config/cidr";

export const SUBNET_TIERS = ["private", "public", "database"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];
export type SubnetPrefixLengths = Readonly<Record<SubnetTier, number>>;

/** Per-zone subnet sizes: /19 private leaves room for VPC-CNI pod addresses (8,190 per zone). */
export const DEFAULT_SUBNET_PREFIX_LENGTH: SubnetPrefixLengths = { public: 24, private: 19, database: 24 };

/**
 * Slots reserved per tier. A zone's CIDRs depend only on its position in the zone list, so
 * appending a zone (up to this many) never renumbers, and so never replaces, existing subnets.
 */
export const ZONE_SLOTS = 4;

/** CIDR of each tier's subnet in each zone: `plan.private[i]` is for `zones[i]`. */
export type SubnetPlan = Readonly<Record<SubnetTier, readonly string[]>>;

/**
 * Tiers are laid out largest first (private), each with `max(ZONE_SLOTS, zones)` aligned slots.
 * @returns undefined when the VPC CIDR is invalid or too small for the slots.
 */
export function planSubnets(vpcCidr: string, zoneCount: number, prefixes: SubnetPrefixLengths): SubnetPlan | undefined {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return undefined;
  const slots = Math.max(ZONE_SLOTS, zoneCount);
  const blocks = allocateSubnets(
    vpc,
    SUBNET_TIERS.flatMap((tier) => Array<number>(slots).fill(prefixes[tier])),
  );
  if (!blocks) return undefined;
  const tierBlocks = (index: number) => blocks.slice(index * slots, index * slots + zoneCount).map(formatCidr);
  return { private: tierBlocks(0), public: tierBlocks(1), database: tierBlocks(2) };
}

/** Addresses the plan needs, reserved slots included; for error messages. */
export function addressesNeeded(zoneCount: number, prefixes: SubnetPrefixLengths): number {
  const slots = Math.max(ZONE_SLOTS, zoneCount);
  return SUBNET_TIERS.reduce((sum, tier) => sum + slots * 2 ** (32 - prefixes[tier]), 0);
}
