/**
 * Subnet CIDR planning. Pure (no cdktf): the environment schema uses it to reject a VPC that
 * cannot hold its subnets, and the Network construct and the stacks use it to place them.
 */
import type { IConstruct } from "constructs";
import { allocateSubnets, blockSize, formatCidr, parseCidr } from "../../config/cidr";
import { checkPreconditions, type PreconditionProblem } from "../validation";

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

/** Why the subnets do not fit in the VPC, or undefined when they do. */
export function subnetFitProblem(vpcCidr: string, zoneCount: number, prefixes: SubnetPrefixLengths): PreconditionProblem | undefined {
  if (planSubnets(vpcCidr, zoneCount, prefixes)) return undefined;
  const vpc = parseCidr(vpcCidr);
  if (!vpc) {
    return {
      prop: "vpcCidr",
      value: vpcCidr,
      message: "not a valid network address",
      allowed: "an IPv4 CIDR with no host bits set, such as 10.20.0.0/16",
      fix: "use the network address of the block",
    };
  }
  const slots = Math.max(ZONE_SLOTS, zoneCount);
  return {
    prop: "subnetPrefixLength",
    value: prefixes,
    message:
      `3 tiers × ${slots} zone slots need ${addressesNeeded(zoneCount, prefixes)} addresses, more than ` +
      `${formatCidr(vpc)} holds (${blockSize(vpc.prefix)})`,
    allowed: `subnets whose total fits inside ${formatCidr(vpc)}`,
    fix: "use longer subnet prefixes (smaller subnets), fewer zones, or a larger network.vpcCidr",
  };
}

/** The plan, or ConstructValidationError at `scope` when the subnets do not fit. */
export function requireSubnetPlan(scope: IConstruct, vpcCidr: string, zoneCount: number, prefixes: SubnetPrefixLengths): SubnetPlan {
  checkPreconditions(scope, subnetFitProblem(vpcCidr, zoneCount, prefixes));
  return planSubnets(vpcCidr, zoneCount, prefixes)!;
}
