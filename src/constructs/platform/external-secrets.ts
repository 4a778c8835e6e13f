import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { replicasFor, zoneSpread } from "./defaults";

/** Requests of the controller, webhook and cert controller. */
export const EXTERNAL_SECRETS_RESOURCES = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } };

export interface ExternalSecretsProps {
  readonly highAvailability: boolean;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The External Secrets Operator: copies Secrets Manager secrets into Kubernetes Secrets. Its
 * CRDs are chart templates (`installCRDs`), so `helm upgrade` keeps them current.
 */
export class ExternalSecrets extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: ExternalSecretsProps) {
    super(scope, id);
    const { namespace, name } = SERVICE_ACCOUNTS.externalSecrets;
    const ha = props.highAvailability;
    const component = (instance: string) => ({
      replicaCount: replicasFor(ha),
      resources: EXTERNAL_SECRETS_RESOURCES,
      podDisruptionBudget: { enabled: ha, minAvailable: 1 },
      topologySpreadConstraints: ha ? zoneSpread({ "app.kubernetes.io/name": instance }) : [],
    });
    this.release = new HelmRelease(this, "release", {
      name: "external-secrets",
      namespace,
      ...CHARTS.externalSecrets,
      defaults: {
        installCRDs: true,
        leaderElect: ha,
        serviceAccount: { create: true, name },
        ...component("external-secrets"),
        webhook: component("external-secrets-webhook"),
        certController: component("external-secrets-cert-controller"),
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
