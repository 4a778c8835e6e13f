/** The precondition of the Dashboards sign-in page's Cognito prefix domain. Pure. */
import type { PreconditionProblem } from "../validation";
import { COGNITO_DOMAIN_PREFIX, COGNITO_RESERVED_WORDS } from "./defaults";

/** Cognito refuses a prefix with characters outside [a-z0-9-], over 63 characters, or naming AWS itself. */
export function signInDomainPrefixProblem(prefix: string): PreconditionProblem | undefined {
  const reserved = COGNITO_RESERVED_WORDS.find((word) => prefix.includes(word));
  if (COGNITO_DOMAIN_PREFIX.test(prefix) && reserved === undefined) return undefined;
  return {
    prop: "domainPrefix",
    value: prefix,
    message: reserved
      ? `the Cognito sign-in domain prefix contains the reserved word "${reserved}"`
      : "the Cognito sign-in domain prefix is not a valid prefix domain",
    allowed: `1–63 lowercase letters, digits and hyphens, no hyphen first or last, without ${COGNITO_RESERVED_WORDS.join(", ")}`,
    fix:
      "rename the environment file so its name avoids those words (the prefix is sparki-<env>-logs-<account id>), " +
      "or turn dashboardsSignIn off",
  };
}
