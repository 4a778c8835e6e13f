import { createHash } from "node:crypto";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { HelmRelease } from "../helm/helm-release";
import { typedChartFiles, type ChartObject } from "../helm/typed-chart";
import { CLUSTER_SECRET_STORE } from "../platform/platform-resources";
import { OTLP_ENDPOINT, WORKLOAD_NAMESPACE, WORKLOADS, workloadLabels, type WorkloadName } from "./catalog";
import { SECRET_REFRESH_INTERVAL, USES_DATA_STORES, WORKLOAD_CHART_VERSION, WORKLOAD_SECRETS } from "./defaults";
import { workloadNetworkPolicies } from "./network-policies";

export interface WorkloadBaseProps {
  readonly workload: WorkloadName;
  /** Environment name, reported to telemetry as `deployment.environment`. */
  readonly environment: string;
  /** Secrets Manager name prefix of the application secrets, for example `sparki-prod`. */
  readonly secretPrefix: string;
  /** CIDRs of the public subnets (the ALB's addresses). */
  readonly loadBalancerCidrs: readonly string[];
  /** CIDRs of the database subnets. */
  readonly dataStoreCidrs: readonly string[];
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Name of the Kubernetes Secret the ExternalSecret writes, and of the ConfigMap. */
export const secretName = (workload: WorkloadName) => `${workload}-secrets`;
export const configName = (workload: WorkloadName) => `${workload}-config`;

/** The non-secret settings every pod of the workload reads (envFrom). */
export function workloadConfig(workload: WorkloadName, environment: string): Record<string, string> {
  const spec = WORKLOADS[workload];
  return {
    PORT: String(spec.port),
    METRICS_PORT: String(spec.metricsPort),
    OTEL_SERVICE_NAME: workload,
    OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_ENDPOINT,
    OTEL_RESOURCE_ATTRIBUTES: `deployment.environment=${environment}`,
  };
}

/** Hash of the config the pods read; the colour Deployments carry it so a change rolls them. */
export function configHash(workload: WorkloadName, environment: string): string {
  return createHash("sha256")
    .update(JSON.stringify(workloadConfig(workload, environment)))
    .digest("hex")
    .slice(0, 16);
}

/** The objects both colours of a workload share: identity, secrets, settings, network policies. */
export function workloadBaseObjects(props: WorkloadBaseProps): ChartObject[] {
  const { workload } = props;
  const labels = workloadLabels(workload);
  const account = SERVICE_ACCOUNTS[workload];
  return [
    // Pod Identity injects its own projected token, so the Kubernetes API token stays unmounted.
    new ServiceAccount({ metadata: { name: account.name, namespace: account.namespace, labels }, automountServiceAccountToken: false }),
    new ExternalSecret({
      metadata: { name: secretName(workload), namespace: WORKLOAD_NAMESPACE, labels },
      spec: {
        refreshInterval: SECRET_REFRESH_INTERVAL,
        secretStoreRef: { kind: "ClusterSecretStore", name: CLUSTER_SECRET_STORE },
        target: { name: secretName(workload), creationPolicy: "Owner", deletionPolicy: "Retain" },
        data: Object.entries(WORKLOAD_SECRETS[workload]).map(([variable, id]) => ({
          secretKey: variable,
          remoteRef: { key: `${props.secretPrefix}/${id}` },
        })),
      },
    }),
    new ConfigMap({
      metadata: { name: configName(workload), namespace: WORKLOAD_NAMESPACE, labels },
      data: workloadConfig(workload, props.environment),
    }),
    ...workloadNetworkPolicies({
      workload,
      loadBalancerCidrs: props.loadBalancerCidrs,
      dataStoreCidrs: props.dataStoreCidrs,
      usesDataStores: USES_DATA_STORES[workload],
    }),
  ];
}

/**
 * The `<workload>` release: what both colours share (ServiceAccount of the Pod Identity
 * association, ExternalSecret, ConfigMap, NetworkPolicies), as a local typed chart.
 */
export class WorkloadBase extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: WorkloadBaseProps) {
    super(scope, id);
    this.release = new HelmRelease(this, "release", {
      name: props.workload,
      namespace: WORKLOAD_NAMESPACE,
      chart: props.workload,
      version: WORKLOAD_CHART_VERSION,
      localChart: typedChartFiles({
        name: props.workload,
        version: WORKLOAD_CHART_VERSION,
        description: `Sparki ${props.workload}: what both colours share`,
        objects: workloadBaseObjects(props),
      }),
      dependsOn: props.dependsOn,
    });
  }
}
