import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { Construct } from "constructs";

/**
 * Service-linked roles the environments need and that nothing else creates reliably, once per
 * account: EC2 Spot (Karpenter and Spot node groups launch Spot capacity; Karpenter cannot create
 * the role) and EC2 Auto Scaling (managed node groups; the KMS grant for encrypted node volumes
 * names it, so it must exist before the cluster stack applies).
 */
export const ACCOUNT_SERVICE_LINKED_ROLES = {
  spot: "spot.amazonaws.com",
  autoscaling: "autoscaling.amazonaws.com",
} as const;

/** The account's service-linked roles. An account where one already exists imports it (runbooks/bootstrap.md). */
export class AccountServiceLinkedRoles extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const [name, service] of Object.entries(ACCOUNT_SERVICE_LINKED_ROLES)) {
      new IamServiceLinkedRole(this, name, { awsServiceName: service });
    }
  }
}
