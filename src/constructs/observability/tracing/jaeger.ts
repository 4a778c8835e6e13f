import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { CHARTS } from "../../helm/chart-catalog";
import { HelmRelease } from "../../helm/helm-release";
import { deepMerge, type HelmValues } from "../../helm/values";

/** Release name and, through `fullnameOverride`, the name of Jaeger's Deployment and Service. */
export const JAEGER_NAME = "jaeger";
/** OTLP gRPC port Jaeger receives the collector's sampled traces on. */
export const JAEGER_OTLP_GRPC_PORT = 4317;
/** Jaeger's query API and UI (Grafana's data source, `kubectl port-forward`). */
export const JAEGER_QUERY_PORT = 16686;
const JAEGER_QUERY_GRPC_PORT = 16685;
/** The chart's probes read `/status` on this port (healthcheckv2). */
const JAEGER_HEALTH_PORT = 13133;
/** The chart's Service and pod annotations name this port for Jaeger's own metrics. */
const JAEGER_METRICS_PORT = 8888;
export const JAEGER_RESOURCES = { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "2Gi" } };

/** Traces the in-memory store keeps before dropping the oldest: bounded so the pod's memory is. */
export const DEFAULT_MEMORY_MAX_TRACES = 50_000;
/** Hours Badger keeps spans on its volume before they expire. */
export const DEFAULT_BADGER_RETENTION_HOURS = 7 * 24;
/**
 * Badger volume: ~10 % of ~50 traces/s kept plus errors and slow ones is ~1 M traces a week at
 * ~10 KiB each, about 10 GiB; twice that leaves room for compaction and growth.
 */
export const DEFAULT_BADGER_VOLUME_GIB = 20;
/** Name of the PersistentVolumeClaim that holds Badger's files. */
export const BADGER_CLAIM_NAME = "jaeger-badger";
const BADGER_MOUNT_PATH = "/badger";

/**
 * Where Jaeger keeps traces. `memory`: lost on restart, bounded by a trace count (development).
 * `badger`: an embedded key-value store on one gp3 volume with a time-to-live (one replica only).
 */
export type TraceStorage =
  | { readonly kind: "memory"; readonly maxTraces: number }
  | { readonly kind: "badger"; readonly retentionHours: number; readonly volumeGiB: number; readonly storageClassName: string };

/**
 * The storage an environment's tier gets: development tiers keep a bounded in-memory store;
 * production keeps a week on a volume so a trace survives a pod restart.
 */
export function defaultTraceStorage(tier: "development" | "production", storageClassName: string): TraceStorage {
  return tier === "production"
    ? { kind: "badger", retentionHours: DEFAULT_BADGER_RETENTION_HOURS, volumeGiB: DEFAULT_BADGER_VOLUME_GIB, storageClassName }
    : { kind: "memory", maxTraces: DEFAULT_MEMORY_MAX_TRACES };
}

export interface JaegerProps {
  readonly namespace: string;
  readonly storage: TraceStorage;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

const listen = (port: number) => `0.0.0.0:${port}`;
const STORE = "primary";

function backend(storage: TraceStorage): HelmValues {
  if (storage.kind === "memory") return { memory: { max_traces: storage.maxTraces } };
  return {
    badger: {
      directory_key: `${BADGER_MOUNT_PATH}/key`,
      directory_value: `${BADGER_MOUNT_PATH}/data`,
      ephemeral: false,
      span_store_ttl: `${storage.retentionHours}h`,
    },
  };
}

/**
 * Jaeger v2's configuration (an OpenTelemetry Collector configuration): OTLP gRPC in from the
 * collector gateway, the store, the query API and UI, health and metrics endpoints. Listeners
 * bind all addresses; the image's default binds localhost only.
 */
export function jaegerConfig(storage: TraceStorage): HelmValues {
  return {
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["jaeger_storage_exporter"] } },
      telemetry: {
        resource: { "service.name": "jaeger" },
        metrics: { level: "detailed", readers: [{ pull: { exporter: { prometheus: { host: "0.0.0.0", port: JAEGER_METRICS_PORT } } } }] },
      },
    },
    extensions: {
      healthcheckv2: { use_v2: true, http: { endpoint: listen(JAEGER_HEALTH_PORT) } },
      jaeger_query: {
        storage: { traces: STORE },
        http: { endpoint: listen(JAEGER_QUERY_PORT) },
        grpc: { endpoint: listen(JAEGER_QUERY_GRPC_PORT) },
      },
      jaeger_storage: { backends: { [STORE]: backend(storage) } },
    },
    receivers: { otlp: { protocols: { grpc: { endpoint: listen(JAEGER_OTLP_GRPC_PORT) } } } },
    processors: { batch: {} },
    exporters: { jaeger_storage_exporter: { trace_storage: STORE } },
  };
}

/**
 * Jaeger v2 (chart `jaeger`, one all-in-one Deployment): receives the sampled traces from the
 * collector gateway and serves the query API Grafana reads. One replica: the in-memory and
 * Badger stores are local to the pod, so a second replica would see other traces; the chart's
 * `Recreate` strategy lets a new pod mount Badger's ReadWriteOnce volume.
 */
export class Jaeger extends Construct {
  readonly release: HelmRelease;
  /** GiB of the Badger volume, 0 with the in-memory store (for the cost estimate and outputs). */
  readonly volumeGiB: number;
  /** In-cluster URL of the query API. */
  readonly queryUrl: string;
  /** OTLP gRPC endpoint (host:port) the collector exports to. */
  readonly otlpEndpoint: string;

  constructor(scope: Construct, id: string, props: JaegerProps) {
    super(scope, id);
    const { storage, namespace } = props;
    const host = `${JAEGER_NAME}.${namespace}.svc.cluster.local`;
    this.queryUrl = `http://${host}:${JAEGER_QUERY_PORT}`;
    this.otlpEndpoint = `${host}:${JAEGER_OTLP_GRPC_PORT}`;
    this.volumeGiB = storage.kind === "badger" ? storage.volumeGiB : 0;

    const volume: HelmValues =
      storage.kind === "badger"
        ? {
            jaeger: {
              extraVolumes: [{ name: "badger", persistentVolumeClaim: { claimName: BADGER_CLAIM_NAME } }],
              extraVolumeMounts: [{ name: "badger", mountPath: BADGER_MOUNT_PATH }],
            },
            extraObjects: [badgerClaim(namespace, storage)],
          }
        : {};
    this.release = new HelmRelease(this, "release", {
      name: JAEGER_NAME,
      namespace,
      ...CHARTS.jaeger,
      defaults: deepMerge<HelmValues>(
        {},
        {
          fullnameOverride: JAEGER_NAME,
          userconfig: jaegerConfig(storage),
          jaeger: {
            replicas: 1,
            resources: JAEGER_RESOURCES,
            // Jaeger never calls the Kubernetes API.
            serviceAccount: { automountServiceAccountToken: false },
          },
        },
        volume,
      ),
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}

function badgerClaim(namespace: string, storage: Extract<TraceStorage, { kind: "badger" }>): HelmValues {
  const claim = new PersistentVolumeClaim({
    metadata: { name: BADGER_CLAIM_NAME, namespace, labels: { "app.kubernetes.io/name": JAEGER_NAME } },
    spec: {
      storageClassName: storage.storageClassName,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: `${storage.volumeGiB}Gi` } },
    },
  });
  claim.validate();
  return claim.toJSON() as unknown as HelmValues;
}
