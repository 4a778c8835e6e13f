import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { checkPreconditions } from "../validation";
import { addonVersionsProblem, EKS_ADDON_VERSIONS, type AddonName } from "./addon-versions";

/**
 * Conflict resolution on create and update: OVERWRITE. Terraform (the add-on version and
 * `configuration_values`) is the only source of an add-on's settings; a hand edit with kubectl
 * is drift to be reverted, and PRESERVE would let such an edit block or silently survive an upgrade.
 */
export const ADDON_RESOLVE_CONFLICTS = "OVERWRITE";

export interface ManagedAddonProps {
  readonly clusterName: string;
  /** Kubernetes minor version; selects the pinned version from EKS_ADDON_VERSIONS. */
  readonly kubernetesVersion: string;
  readonly addon: AddonName;
  /** Add-on configuration (`aws eks describe-addon-configuration`). @default none */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** One EKS managed add-on at the version pinned for the cluster's Kubernetes version. */
export class ManagedAddon extends Construct {
  readonly resource: EksAddon;
  readonly version: string;

  constructor(scope: Construct, id: string, props: ManagedAddonProps) {
    super(scope, id);
    checkPreconditions(this, addonVersionsProblem(props.kubernetesVersion));
    this.version = EKS_ADDON_VERSIONS[props.kubernetesVersion]![props.addon];
    this.resource = new EksAddon(this, "addon", {
      clusterName: props.clusterName,
      addonName: props.addon,
      addonVersion: this.version,
      resolveConflictsOnCreate: ADDON_RESOLVE_CONFLICTS,
      resolveConflictsOnUpdate: ADDON_RESOLVE_CONFLICTS,
      ...(props.configuration ? { configurationValues: JSON.stringify(props.configuration) } : {}),
      dependsOn: props.dependsOn,
    });
  }
}
