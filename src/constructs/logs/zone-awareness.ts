/** The precondition of a zone-aware log search domain. Pure. */
import type { PreconditionProblem } from "../validation";
import { logSearchZoneCount } from "./defaults";

export interface ZoneAwarenessSettings {
  readonly zoneAwareness: boolean;
  readonly instanceCount: number;
  /** Availability zones of the environment. */
  readonly availabilityZones: number;
}

/** A zone-aware domain needs a second zone and the same number of data nodes in each zone. */
export function zoneAwarenessProblem({
  zoneAwareness,
  instanceCount,
  availabilityZones,
}: ZoneAwarenessSettings): PreconditionProblem | undefined {
  if (!zoneAwareness) return undefined;
  const zones = logSearchZoneCount(availabilityZones);
  if (zones < 2) {
    return {
      prop: "zoneAwareness",
      value: true,
      message: "zone awareness needs at least 2 availability zones",
      allowed: "false with one zone",
      fix: "list a second zone in network.availabilityZones or set zoneAwareness: false",
    };
  }
  if (instanceCount % zones === 0) return undefined;
  return {
    prop: "instanceCount",
    value: instanceCount,
    message: `a zone-aware domain over ${zones} zones needs the same number of data nodes in each zone`,
    allowed: `a multiple of ${zones}`,
    fix: `set instanceCount to ${Math.max(zones, Math.round(instanceCount / zones) * zones)}`,
  };
}
