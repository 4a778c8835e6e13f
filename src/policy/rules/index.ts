/** The security baseline every synthesized stack must meet. */
import type { PolicyRule } from "../types";
import { encryptionRules } from "./encryption";
import { identityRules } from "./identity";
import { kubernetesRules } from "./kubernetes";
import { loadBalancerRules } from "./load-balancers";
import { namingRules } from "./naming";
import { networkRules } from "./network";
import { protectionRules } from "./protection";
import { versionRules } from "./versions";

export const BASELINE_RULES: readonly PolicyRule[] = [
  ...encryptionRules,
  ...networkRules,
  ...loadBalancerRules,
  ...identityRules,
  ...kubernetesRules,
  ...protectionRules,
  ...versionRules,
  ...namingRules,
];
