import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { replicasFor } from "../platform/defaults";
import { alertmanagerConfig } from "./alertmanager-config";
import { DATASOURCES } from "./dashboards/panels";
import { ALERTMANAGER_RECEIVERS_SECRET, GRAFANA_ADMIN_SECRET } from "./observability-secrets";

/** Release name; with `fullnameOverride` the Services are `kube-prometheus-stack-<component>`. */
export const KUBE_PROMETHEUS_STACK_NAME = "kube-prometheus-stack";
/**
 * Prometheus disk per day of retention: ~150k active series scraped every 30 s at ~1.5 bytes a
 * sample is ~0.7 GiB a day; 2 GiB leaves room for WAL, compaction and growth.
 */
export const PROMETHEUS_GIB_PER_RETENTION_DAY = 2;
/** Smallest Prometheus volume: WAL and head block need a few GiB even with short retention. */
export const PROMETHEUS_MIN_VOLUME_GIB = 20;
/** Prometheus deletes old blocks beyond this share of the volume, before the disk fills. */
export const PROMETHEUS_RETENTION_SIZE_SHARE = 0.85;
export const PROMETHEUS_RESOURCES = { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } };
export const ALERTMANAGER_RESOURCES = { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } };
export const GRAFANA_RESOURCES = { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } };
/** Alertmanager replicas when highly available: three keep a gossip quorum through one loss. */
export const ALERTMANAGER_HA_REPLICAS = 3;

/** Size of each Prometheus replica's gp3 volume for a retention. */
export function prometheusStorageGiB(retentionDays: number): number {
  return Math.max(PROMETHEUS_MIN_VOLUME_GIB, Math.ceil(retentionDays * PROMETHEUS_GIB_PER_RETENTION_DAY));
}

export interface KubePrometheusStackProps {
  readonly namespace: string;
  /** `observability.metricsRetentionDays`. */
  readonly retentionDays: number;
  /** StorageClass of the Prometheus volumes (the platform's encrypted gp3 class). */
  readonly storageClassName: string;
  readonly highAvailability: boolean;
  /** Region of the CloudWatch data source (RDS, ElastiCache metrics). */
  readonly region: string;
  /** In-cluster URL of Jaeger's query API, added as Grafana's Jaeger data source. @default none: no traces data source */
  readonly tracesUrl?: string;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * kube-prometheus-stack: the Prometheus operator, Prometheus (persistent gp3, retention from
 * the environment), Alertmanager (routing by severity, receiver keys from a Secret), Grafana
 * (admin from a Secret, CloudWatch data source through Pod Identity, dashboards from the
 * sidecar), node-exporter and kube-state-metrics. Selectors pick up ServiceMonitors,
 * PodMonitors, Probes and PrometheusRules of every release in every namespace.
 */
export class KubePrometheusStack extends Construct {
  readonly release: HelmRelease;
  /** GiB of each Prometheus replica's volume, and the replica count (for the cost estimate). */
  readonly prometheusVolumeGiB: number;
  readonly prometheusReplicas: number;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps) {
    super(scope, id);
    const ha = props.highAvailability;
    this.prometheusVolumeGiB = prometheusStorageGiB(props.retentionDays);
    this.prometheusReplicas = replicasFor(ha);
    const allReleases = {
      ruleSelectorNilUsesHelmValues: false,
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      probeSelectorNilUsesHelmValues: false,
    };
    this.release = new HelmRelease(this, "release", {
      name: KUBE_PROMETHEUS_STACK_NAME,
      namespace: props.namespace,
      ...CHARTS.kubePrometheusStack,
      defaults: {
        fullnameOverride: KUBE_PROMETHEUS_STACK_NAME,
        // EKS runs the control plane: scheduler, controller manager and etcd cannot be scraped,
        // and kube-proxy's metrics listen on localhost. Their targets would only ever be down.
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: false },
        prometheusOperator: {
          // The admission webhook would need the control plane to reach this namespace; rules
          // are checked by promtool and the PromQL grammar before they ship instead.
          admissionWebhooks: { enabled: false },
          tls: { enabled: false },
        },
        prometheus: {
          // With two replicas, a node drain keeps one scraping and evaluating rules.
          podDisruptionBudget: { enabled: ha, minAvailable: 1 },
          prometheusSpec: {
            ...allReleases,
            replicas: this.prometheusReplicas,
            retention: `${props.retentionDays}d`,
            // Prometheus reads size units as powers of two ("GB" = GiB).
            retentionSize: `${Math.floor(this.prometheusVolumeGiB * PROMETHEUS_RETENTION_SIZE_SHARE)}GB`,
            resources: PROMETHEUS_RESOURCES,
            storageSpec: {
              volumeClaimTemplate: {
                spec: {
                  storageClassName: props.storageClassName,
                  accessModes: ["ReadWriteOnce"],
                  resources: { requests: { storage: `${this.prometheusVolumeGiB}Gi` } },
                },
              },
            },
          },
        },
        alertmanager: {
          podDisruptionBudget: { enabled: ha, minAvailable: 1 },
          config: alertmanagerConfig(),
          alertmanagerSpec: {
            replicas: ha ? ALERTMANAGER_HA_REPLICAS : 1,
            // Mounted at /etc/alertmanager/secrets/<name>/<key>; the config reads the keys as files.
            secrets: [ALERTMANAGER_RECEIVERS_SECRET.name],
            resources: ALERTMANAGER_RESOURCES,
          },
        },
        grafana: {
          // Not exposed: no Ingress, a ClusterIP Service; operators use kubectl port-forward and log in.
          ingress: { enabled: false },
          admin: {
            existingSecret: GRAFANA_ADMIN_SECRET.name,
            userKey: GRAFANA_ADMIN_SECRET.userKey,
            passwordKey: GRAFANA_ADMIN_SECRET.passwordKey,
          },
          // The Pod Identity association names this service account (cluster stack).
          serviceAccount: { create: true, name: SERVICE_ACCOUNTS.grafana.name },
          resources: GRAFANA_RESOURCES,
          sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" } },
          additionalDataSources: [
            {
              name: "CloudWatch",
              uid: DATASOURCES.cloudwatch.uid,
              type: DATASOURCES.cloudwatch.type,
              access: "proxy",
              // `default`: the AWS SDK's credential chain, which reads the Pod Identity credentials.
              jsonData: { authType: "default", defaultRegion: props.region },
              editable: false,
            },
            ...(props.tracesUrl === undefined
              ? []
              : [
                  {
                    name: "Jaeger",
                    uid: DATASOURCES.jaeger.uid,
                    type: DATASOURCES.jaeger.type,
                    access: "proxy",
                    url: props.tracesUrl,
                    editable: false,
                  },
                ]),
          ],
        },
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
