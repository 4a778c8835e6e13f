import type { Construct } from "constructs";
import { IDENTITY_POLICIES, type IdentityPolicyInputs } from "./identity-policies";
import { PodIdentityRole } from "./pod-identity-role";
import { podIdentityRoleName, SERVICE_ACCOUNTS, type IdentityName } from "./service-accounts";

export interface PodIdentitiesProps {
  /** Cluster the associations are made on (its resource attribute, so they wait for it). */
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Scopes the policies of `IDENTITY_POLICIES`; its `resourcePrefix` also names the roles. */
  readonly policyInputs: IdentityPolicyInputs;
}

/** Construct ID of an identity's role, `<identity in kebab case>-identity`: part of its Terraform address. */
export function podIdentityConstructId(identity: IdentityName): string {
  return `${identity.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-identity`;
}

/**
 * One `PodIdentityRole` per row of `SERVICE_ACCOUNTS`, with the permissions of `IDENTITY_POLICIES`.
 * A function, not a construct: the roles stay direct children of `scope` (the stack), so their
 * Terraform addresses do not gain a parent's name.
 */
export function addPodIdentities(scope: Construct, props: PodIdentitiesProps): Readonly<Record<IdentityName, PodIdentityRole>> {
  const { accountId, clusterName: literalClusterName, resourcePrefix } = props.policyInputs;
  const identities = Object.keys(SERVICE_ACCOUNTS) as IdentityName[];
  const roles = identities.map((identity) => {
    const { namespace, name: serviceAccount } = SERVICE_ACCOUNTS[identity];
    const role = new PodIdentityRole(scope, podIdentityConstructId(identity), {
      roleName: podIdentityRoleName(resourcePrefix, identity),
      description: `Pod Identity of ${namespace}/${serviceAccount} in ${literalClusterName}`,
      accountId,
      clusterName: props.clusterName,
      clusterArn: props.clusterArn,
      namespace,
      serviceAccount,
      ...IDENTITY_POLICIES[identity](props.policyInputs),
    });
    return [identity, role] as const;
  });
  return Object.fromEntries(roles) as Record<IdentityName, PodIdentityRole>;
}
