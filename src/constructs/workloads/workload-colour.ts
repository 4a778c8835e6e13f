import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { Service } from "kubernetes-models/v1/Service";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { DEFAULT_DATABASE_NAME, ENGINE_DATABASE_USER } from "../database/database";
import { HelmRelease } from "../helm/helm-release";
import { typedChartFiles, valueRef, type ApplyTimeValue, type ChartObject } from "../helm/typed-chart";
import { POSTGRES_PORT, REDIS_PORT } from "../network/security-groups";
import { IMAGE_DIGEST } from "../../release/schema";
import {
  colourName,
  ENGINE_MIGRATE_COMMAND,
  METRICS_PORT_NAME,
  WORKLOAD_NAMESPACE,
  WORKLOADS,
  workloadLabels,
  type Colour,
  type WorkloadName,
} from "./catalog";
import { configHash, configName, secretName } from "./workload-base";
import * as defaults from "./defaults";
import { TargetGroupBinding } from "./models/elbv2.k8s.aws/v1beta1/TargetGroupBinding";

export interface WorkloadColourProps {
  readonly workload: WorkloadName;
  readonly colour: Colour;
  readonly environment: string;
  /** `sha256:<hex>` (or a tag outside production) from the release file. */
  readonly image: string;
  /** false = scaled to zero (release file `replicas: 0`): no pods, no autoscaler, no migration. */
  readonly running: boolean;
  /** The environment's `workloads.<name>` sizing. */
  readonly sizing: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpu: string; readonly memory: string };
  /** Values known at apply time, keyed as in `colourValues(workload)` (Terraform expressions). */
  readonly values: Readonly<Record<string, string>>;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

const HOSTNAME = /^[a-z0-9.-]+$/;
const HOST_LIST = /^[a-z0-9.-]+(,[a-z0-9.-]+)*$/;
const pattern = (re: RegExp) => re.source;

/** The apply-time values of a colour's chart. */
export function colourValues(workload: WorkloadName): Record<string, ApplyTimeValue> {
  const common: Record<string, ApplyTimeValue> = {
    imageRepository: {
      description: "ECR repository URL of the workload's images (cluster stack output)",
      pattern: "^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9/_.-]+$",
    },
    targetGroupArn: {
      description: "ARN of this colour's ALB target group (edge stack output)",
      pattern: "^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]+/[0-9a-f]+$",
    },
  };
  if (!defaults.USES_DATA_STORES[workload]) return common;
  return {
    ...common,
    databaseHost: { description: "PostgreSQL writer hostname (core stack output)", pattern: pattern(HOSTNAME) },
    databaseReaderHosts: {
      description: "Comma-separated read-replica hostnames, or the writer when there are none",
      pattern: pattern(HOST_LIST),
    },
    cacheHost: { description: "Valkey primary hostname (core stack output)", pattern: pattern(HOSTNAME) },
    cacheUser: { description: "Valkey RBAC user that authenticates with IAM (core stack output)", pattern: "^[A-Za-z0-9-]+$" },
  };
}

/** `repository@sha256:…` for a digest, `repository:tag` otherwise. */
export function imageReference(image: string): string {
  return `${valueRef("imageRepository")}${IMAGE_DIGEST.test(image) ? "@" : ":"}${image}`;
}

/**
 * Connection settings of a workload that uses the data stores. Not credentials: PostgreSQL and
 * Valkey authenticate with short-lived IAM tokens the pod signs with its Pod Identity role.
 */
function dataStoreEnv(): IEnvVar[] {
  const reader = valueRef("databaseReaderHosts");
  return [
    {
      name: "DATABASE_URL",
      value: `postgres://${ENGINE_DATABASE_USER}@${valueRef("databaseHost")}:${POSTGRES_PORT}/${DEFAULT_DATABASE_NAME}?sslmode=verify-full`,
    },
    // pgx tries the hosts in order; prefer-standby falls back to the writer if no replica answers.
    {
      name: "DATABASE_READER_URL",
      value:
        `postgres://${ENGINE_DATABASE_USER}@${reader}/${DEFAULT_DATABASE_NAME}` +
        "?sslmode=verify-full&target_session_attrs=prefer-standby",
    },
    { name: "REDIS_URL", value: `rediss://${valueRef("cacheUser")}@${valueRef("cacheHost")}:${REDIS_PORT}` },
  ];
}

/** The restricted Pod Security Standard, plus a read-only root filesystem. */
const securityContext: ISecurityContext = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
};

function podSpec(props: WorkloadColourProps, container: IContainer, extra: Partial<IPodSpec> = {}): IPodSpec {
  return {
    serviceAccountName: SERVICE_ACCOUNTS[props.workload].name,
    // The EKS Pod Identity webhook mounts its own projected token (audience pods.eks.amazonaws.com).
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: defaults.DEFAULT_RUN_AS_USER,
      runAsGroup: defaults.DEFAULT_RUN_AS_USER,
      fsGroup: defaults.DEFAULT_RUN_AS_USER,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [container],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: defaults.DEFAULT_TMP_SIZE_LIMIT } }],
    ...extra,
  };
}

function container(props: WorkloadColourProps, name: string): IContainer {
  return {
    name,
    image: imageReference(props.image),
    env: [{ name: "SPARKI_COLOUR", value: props.colour }, ...(defaults.USES_DATA_STORES[props.workload] ? dataStoreEnv() : [])],
    envFrom: [{ configMapRef: { name: configName(props.workload) } }, { secretRef: { name: secretName(props.workload) } }],
    resources: { requests: { cpu: props.sizing.cpu, memory: props.sizing.memory }, limits: { memory: props.sizing.memory } },
    securityContext,
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

/** The objects of one colour: Deployment, Service, autoscaler, disruption budget, target group binding, migration. */
export function workloadColourObjects(props: WorkloadColourProps): ChartObject[] {
  const { workload, colour } = props;
  const spec = WORKLOADS[workload];
  const name = colourName(workload, colour);
  const labels = workloadLabels(workload, colour);
  const metadata = { name, namespace: WORKLOAD_NAMESPACE, labels };
  const http = { port: "http" };
  const app: IContainer = {
    ...container(props, workload),
    ports: [
      { name: "http", containerPort: spec.port, protocol: "TCP" },
      { name: "metrics", containerPort: spec.metricsPort, protocol: "TCP" },
    ],
    startupProbe: { httpGet: { path: spec.livenessPath, ...http }, ...defaults.STARTUP_PROBE },
    readinessProbe: { httpGet: { path: spec.readinessPath, ...http }, ...defaults.READINESS_PROBE },
    livenessProbe: { httpGet: { path: spec.livenessPath, ...http }, ...defaults.LIVENESS_PROBE },
    // Keeps serving while the ALB and kube-proxy stop sending new requests, then SIGTERM.
    lifecycle: { preStop: { sleep: { seconds: spec.preStopSleepSeconds } } },
  };
  const spread = (topologyKey: string, whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway") => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: labels },
  });
  const objects: ChartObject[] = [
    new Deployment({
      metadata,
      spec: {
        // Left out while running: the autoscaler owns the count, and an upgrade must not reset it.
        ...(props.running ? {} : { replicas: 0 }),
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: {
          metadata: { labels, annotations: { "sparki.dev/config-hash": configHash(workload, props.environment) } },
          spec: podSpec(props, app, {
            terminationGracePeriodSeconds: spec.preStopSleepSeconds + spec.terminationGraceSeconds,
            topologySpreadConstraints: [
              spread("topology.kubernetes.io/zone", "DoNotSchedule"),
              spread("kubernetes.io/hostname", "ScheduleAnyway"),
            ],
          }),
        },
      },
    }),
    new Service({
      metadata,
      spec: {
        type: "ClusterIP",
        selector: labels,
        ports: [
          { name: "http", port: spec.port, targetPort: "http", protocol: "TCP" },
          // The observability stack's ServiceMonitors scrape this port by name.
          { name: METRICS_PORT_NAME, port: spec.metricsPort, targetPort: "metrics", protocol: "TCP" },
        ],
      },
    }),
    // No `networking` block: the edge stack owns the security-group rules between ALB and pods.
    new TargetGroupBinding({
      metadata,
      spec: { targetType: "ip", targetGroupARN: valueRef("targetGroupArn"), serviceRef: { name, port: spec.port } },
    }),
  ];
  if (!props.running) return objects;
  objects.push(
    new HorizontalPodAutoscaler({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
        minReplicas: props.sizing.minReplicas,
        maxReplicas: props.sizing.maxReplicas,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: defaults.DEFAULT_CPU_UTILIZATION_PERCENT } },
          },
        ],
      },
    }),
    new PodDisruptionBudget({ metadata, spec: { maxUnavailable: defaults.DEFAULT_MAX_UNAVAILABLE, selector: { matchLabels: labels } } }),
  );
  if (workload === "engine") objects.push(migrationJob(props));
  return objects;
}

/** The engine's schema migration: a Helm hook that runs before the colour's pods change; failure fails the release. */
function migrationJob(props: WorkloadColourProps): Job {
  const name = `${colourName(props.workload, props.colour)}-migrate`;
  const labels = { ...workloadLabels(props.workload, props.colour), "sparki.dev/role": "migration" };
  return new Job({
    metadata: {
      name,
      namespace: WORKLOAD_NAMESPACE,
      labels,
      annotations: { "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded" },
    },
    spec: {
      backoffLimit: defaults.MIGRATION_BACKOFF_LIMIT,
      activeDeadlineSeconds: defaults.MIGRATION_DEADLINE_SECONDS,
      template: {
        metadata: { labels },
        spec: podSpec(props, { ...container(props, "migrate"), command: [...ENGINE_MIGRATE_COMMAND] }, { restartPolicy: "Never" }),
      },
    },
  });
}

/** Seconds Helm may take: the migration's deadline, a full drain of the old pods, and a margin. */
export function releaseTimeoutSeconds(workload: WorkloadName): number {
  const spec = WORKLOADS[workload];
  const migration = workload === "engine" ? defaults.MIGRATION_DEADLINE_SECONDS : 0;
  return migration + spec.preStopSleepSeconds + spec.terminationGraceSeconds + defaults.RELEASE_MARGIN_SECONDS;
}

/** The `<workload>-<colour>` release: one colour's pods and its binding to its ALB target group. */
export class WorkloadColour extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: WorkloadColourProps) {
    super(scope, id);
    const name = colourName(props.workload, props.colour);
    const declared = colourValues(props.workload);
    const missing = Object.keys(declared).filter((key) => !(key in props.values));
    if (missing.length > 0) throw new Error(`${name}: apply-time values missing: ${missing.join(", ")}`);
    this.release = new HelmRelease(this, "release", {
      name,
      namespace: WORKLOAD_NAMESPACE,
      chart: name,
      version: defaults.WORKLOAD_CHART_VERSION,
      localChart: typedChartFiles({
        name,
        version: defaults.WORKLOAD_CHART_VERSION,
        description: `Sparki ${props.workload}, ${props.colour} colour`,
        objects: workloadColourObjects(props),
        values: declared,
      }),
      defaults: { ...props.values },
      timeoutSeconds: releaseTimeoutSeconds(props.workload),
      dependsOn: props.dependsOn,
    });
  }
}
