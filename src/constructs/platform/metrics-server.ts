import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { PLATFORM_NAMESPACE } from "../cluster/service-accounts";
import { replicasFor, zoneSpread } from "./defaults";

export const METRICS_SERVER_RESOURCES = { requests: { cpu: "100m", memory: "200Mi" }, limits: { memory: "400Mi" } };

export interface MetricsServerProps {
  readonly highAvailability: boolean;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** metrics-server: the resource metrics API that HorizontalPodAutoscalers and `kubectl top` read. */
export class MetricsServer extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    super(scope, id);
    const ha = props.highAvailability;
    this.release = new HelmRelease(this, "release", {
      name: "metrics-server",
      namespace: PLATFORM_NAMESPACE,
      ...CHARTS.metricsServer,
      defaults: {
        replicas: replicasFor(ha),
        resources: METRICS_SERVER_RESOURCES,
        podDisruptionBudget: { enabled: ha, minAvailable: 1 },
        topologySpreadConstraints: ha ? zoneSpread({ "app.kubernetes.io/name": "metrics-server" }) : [],
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
