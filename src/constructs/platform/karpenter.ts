import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { replicasFor } from "./defaults";

/** Karpenter recommends guaranteed resources for its controller (requests = limits). */
export const KARPENTER_RESOURCES = { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } };

/** The CRD chart of the pinned Karpenter version (templates, so upgrades carry CRD changes). */
export const KARPENTER_CRD_CHART = {
  chart: "karpenter-crd",
  repository: CHARTS.karpenter.repository,
  version: CHARTS.karpenter.version,
} as const;

export interface KarpenterProps {
  readonly clusterName: string;
  /** SQS queue of EC2 interruption events (from the cluster stack). */
  readonly interruptionQueueName: string;
  readonly highAvailability: boolean;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Karpenter: provisions right-sized nodes for pending pods straight through EC2 Fleet. Its CRDs
 * come from the `karpenter-crd` chart (upgraded with each release); the controller chart skips
 * its own `crds/` folder, which Helm would install once and never upgrade.
 */
export class Karpenter extends Construct {
  readonly crds: HelmRelease;
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { namespace, name } = SERVICE_ACCOUNTS.karpenter;
    const ha = props.highAvailability;
    this.crds = new HelmRelease(this, "crds", { name: "karpenter-crd", namespace, ...KARPENTER_CRD_CHART, dependsOn: props.dependsOn });
    this.release = new HelmRelease(this, "release", {
      name: "karpenter",
      namespace,
      ...CHARTS.karpenter,
      skipCrds: true,
      defaults: {
        replicas: replicasFor(ha),
        serviceAccount: { create: true, name },
        settings: { clusterName: props.clusterName, interruptionQueue: props.interruptionQueueName },
        controller: { resources: KARPENTER_RESOURCES },
        podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
        // The chart's default already spreads replicas over zones (DoNotSchedule).
      },
      overrides: props.overrides,
      dependsOn: [this.crds.release],
    });
  }
}
