/**
 * What the platform knows about each Sparki workload: ports, health and metrics endpoints, the
 * engine's routes, its migration command and the OpenTelemetry endpoint. The one place the edge,
 * the apps stack and the observability stack agree these names.
 */
import { APPS_NAMESPACE, OBSERVABILITY_NAMESPACE } from "../cluster/service-accounts";

export const WORKLOAD_NAMES = ["web", "engine"] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export const COLOURS = ["blue", "green"] as const;
export type Colour = (typeof COLOURS)[number];

export interface WorkloadSpec {
  /** Container port serving HTTP (and, for the engine, WebSocket upgrades). */
  readonly port: number;
  /** Readiness: the pod may take traffic (dependencies reachable). Also the ALB health check. */
  readonly readinessPath: string;
  /** Liveness: the process is not wedged (no dependency checks, so a database blip never restarts pods). */
  readonly livenessPath: string;
  /** Prometheus metrics port and path (a separate port, never exposed through the ALB). */
  readonly metricsPort: number;
  readonly metricsPath: string;
  /** Seconds between SIGTERM and SIGKILL; the engine drains WebSocket connections in this time. */
  readonly terminationGraceSeconds: number;
  /** Seconds the pod keeps serving after it is removed from endpoints, before SIGTERM (preStop). */
  readonly preStopSleepSeconds: number;
  /** ALB path patterns routed to this workload; empty = the default route. */
  readonly pathPatterns: readonly string[];
}

export const WORKLOADS: Readonly<Record<WorkloadName, WorkloadSpec>> = {
  web: {
    port: 3000,
    readinessPath: "/api/health",
    livenessPath: "/api/health",
    metricsPort: 9464,
    metricsPath: "/metrics",
    terminationGraceSeconds: 45,
    preStopSleepSeconds: 10,
    pathPatterns: [],
  },
  engine: {
    port: 8080,
    readinessPath: "/health/ready",
    livenessPath: "/health/live",
    metricsPort: 9090,
    metricsPath: "/metrics",
    // Long-lived WebSockets get this long to finish or reconnect elsewhere; the engine target
    // groups' deregistration delay matches it so the ALB keeps routing until pods are gone.
    terminationGraceSeconds: 300,
    preStopSleepSeconds: 15,
    pathPatterns: ["/api/v1/*", "/ws", "/ws/*"],
  },
};

/**
 * Name of the metrics port on every workload Service; the ServiceMonitors scrape it by name.
 * What the endpoint exports is the metrics contract: src/constructs/observability/metrics-contract.ts.
 */
export const METRICS_PORT_NAME = "metrics";

/**
 * Request header that sends a request straight to one colour (`blue` or `green`, case-insensitive),
 * bypassing the release weights: smoke tests reach the idle colour before it takes traffic.
 */
export const PREVIEW_COLOUR_HEADER = "X-Sparki-Colour";

/** The engine binary's database migration command (run as a Helm pre-install/pre-upgrade hook). */
export const ENGINE_MIGRATE_COMMAND = ["/app/engine", "migrate", "up"] as const;

/** OTLP gRPC endpoint of the OpenTelemetry Collector gateway in the observability namespace. */
export const OTLP_GRPC_PORT = 4317;
export const OTLP_HTTP_PORT = 4318;
export const OTLP_ENDPOINT = `http://otel-collector.${OBSERVABILITY_NAMESPACE}.svc.cluster.local:${OTLP_GRPC_PORT}`;

/** Namespace the workloads run in. */
export const WORKLOAD_NAMESPACE = APPS_NAMESPACE;

/** Name shared by a colour's Deployment, Service, target group binding and Helm release. */
export function colourName(workload: WorkloadName, colour: Colour): string {
  return `${workload}-${colour}`;
}

/** Labels every object of a workload carries; `sparki.dev/colour` only on per-colour objects. */
export function workloadLabels(workload: WorkloadName, colour?: Colour): Record<string, string> {
  return {
    "app.kubernetes.io/name": workload,
    "app.kubernetes.io/part-of": "sparki",
    ...(colour ? { "sparki.dev/colour": colour } : {}),
  };
}

/**
 * Name of a colour's ALB target group: `sparki-<env>-<workload>-<colour>`, at most 32 characters
 * (AWS's limit) for environment names of up to 12. The release CLI finds the group by this name.
 */
export function targetGroupName(environment: string, workload: WorkloadName, colour: Colour): string {
  return `sparki-${environment}-${workload}-${colour}`;
}

/** Outputs of `<env>-edge` that `<env>-apps` and the release CLI read: names are API. */
export const EDGE_OUTPUTS = {
  /** ARN of a colour's target group (the TargetGroupBinding's targetGroupARN). */
  targetGroupArn: (workload: WorkloadName, colour: Colour) => `${workload}_${colour}_target_group_arn`,
  /** ARN suffix of a colour's target group: the `TargetGroup` dimension of its CloudWatch metrics. */
  targetGroupArnSuffix: (workload: WorkloadName, colour: Colour) => `${workload}_${colour}_target_group_arn_suffix`,
  /** Security group of the load balancer: the source the workloads' network policies admit. */
  loadBalancerSecurityGroupId: "load_balancer_security_group_id",
  loadBalancerArnSuffix: "load_balancer_arn_suffix",
  loadBalancerDnsName: "load_balancer_dns_name",
} as const;

/**
 * Preview route: a request carrying `X-Sparki-Colour: <colour>` reaches that colour whatever the
 * traffic weights, so the idle colour can be smoke-tested before it takes traffic. Contract for
 * `<env>-edge`: per workload and colour, one listener rule with the workload's path patterns
 * (none for web, the default route) AND an `http-header` condition `X-Sparki-Colour` = the colour,
 * forwarding to that colour's target group only, at a higher priority than the weighted rule.
 * The header selects a colour; it grants nothing (both colours serve the same public API).
 */
export const PREVIEW_HEADER = "X-Sparki-Colour";

/** What `release smoke` calls on a colour, besides the health paths. */
export const SMOKE_CHECKS: Readonly<
  Record<WorkloadName, { readonly page?: string; readonly authenticatedApiPath?: string; readonly webSocketPath?: string }>
> = {
  // The server-rendered start page: exercises Next.js rendering, not only its health route.
  web: { page: "/" },
  // The engine's cheapest authenticated read and its WebSocket endpoint.
  engine: { authenticatedApiPath: "/api/v1/pipelines?limit=1", webSocketPath: "/ws" },
};
