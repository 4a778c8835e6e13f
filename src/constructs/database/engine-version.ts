/**
 * The version names what its owner keeps: a major when RDS owns the minors (an exact minor would
 * be downgraded by the next plan after an automatic upgrade), an exact, listed minor when the
 * config owns it. Pure.
 */
import { POSTGRES_PINNABLE_MINOR_VERSIONS } from "../../config/aws-facts";
import type { PreconditionProblem } from "../validation";
import type { MinorVersionUpgrades } from "./defaults";

export function engineVersionProblem(engineVersion: string, minorVersionUpgrades: MinorVersionUpgrades): PreconditionProblem | undefined {
  const major = engineVersion.split(".")[0];
  if (minorVersionUpgrades === "automatic" && engineVersion !== major) {
    return {
      prop: "engineVersion",
      value: engineVersion,
      message: "an exact minor with automatic minor upgrades: after RDS upgrades the minor, every plan tries a downgrade RDS refuses",
      allowed: `the major version alone (${major}) with minorVersionUpgrades: automatic, or minorVersionUpgrades: pinned`,
      fix: `set engineVersion: "${major}", or minorVersionUpgrades: pinned`,
    };
  }
  if (minorVersionUpgrades === "pinned" && !(POSTGRES_PINNABLE_MINOR_VERSIONS as readonly string[]).includes(engineVersion)) {
    const listed = POSTGRES_PINNABLE_MINOR_VERSIONS.filter((v) => v.startsWith(`${major}.`));
    return {
      prop: "engineVersion",
      value: engineVersion,
      message: "not an exact PostgreSQL minor version known to be in RDS standard support",
      allowed: POSTGRES_PINNABLE_MINOR_VERSIONS.join(", "),
      fix:
        listed.length > 0
          ? `pin ${listed.join(" or ")}, or use minorVersionUpgrades: automatic with engineVersion "${major}"`
          : "use minorVersionUpgrades: automatic with a major version",
    };
  }
  return undefined;
}
