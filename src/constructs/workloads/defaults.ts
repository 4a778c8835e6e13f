/**
 * Defaults of the workload constructs, each with the reason for its value. Per-environment
 * sizing (replicas, cpu, memory) comes from the environment file, not from here.
 */
import type { WorkloadName } from "./catalog";

/** Version of the local charts this folder builds; the asset path is content-hashed, so it can stay. */
export const WORKLOAD_CHART_VERSION = "1.0.0";

/** HPA target: average CPU utilisation of the requests, leaving headroom for a zone's loss. */
export const DEFAULT_CPU_UTILIZATION_PERCENT = 70;
/** PDB: voluntary disruptions (node drains, consolidation) take at most one pod at a time. */
export const DEFAULT_MAX_UNAVAILABLE = 1;

/** UID/GID the containers run as (distroless `nonroot`); runAsNonRoot needs a numeric user. */
export const DEFAULT_RUN_AS_USER = 65532;
/** Size cap of the writable /tmp (an emptyDir: the root filesystem is read-only). */
export const DEFAULT_TMP_SIZE_LIMIT = "256Mi";

/** Startup: up to 30 × 2 s for the process to answer its liveness path before liveness starts. */
export const STARTUP_PROBE = { periodSeconds: 2, failureThreshold: 30 } as const;
/** Readiness: three misses in 15 s take the pod out of the Service (and the ALB's targets). */
export const READINESS_PROBE = { periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 2 } as const;
/** Liveness: 30 s unanswered before a restart; it checks no dependency. */
export const LIVENESS_PROBE = { periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 } as const;

/** Migration Job: one retry, and at most 10 minutes, so a stuck migration fails the release. */
export const MIGRATION_BACKOFF_LIMIT = 1;
export const MIGRATION_DEADLINE_SECONDS = 600;
/** Helm's wait on top of migration and rollout: pods pulling images and passing readiness. */
export const RELEASE_MARGIN_SECONDS = 300;

/** ExternalSecret refresh: a rotated value reaches the Kubernetes Secret within an hour. */
export const SECRET_REFRESH_INTERVAL = "1h";

/** Which application secrets (`<prefix>/<id>` in Secrets Manager) each workload reads, by env var. */
export const WORKLOAD_SECRETS: Readonly<Record<WorkloadName, Readonly<Record<string, string>>>> = {
  web: { SENTRY_DSN: "sentry-dsn", SESSION_SECRET: "session-signing-key" },
  engine: {
    SENTRY_DSN: "sentry-dsn",
    GITHUB_APP_PRIVATE_KEY: "github-app-private-key",
    GITHUB_WEBHOOK_SECRET: "github-webhook-secret",
    GITHUB_OAUTH_CLIENT_SECRET: "github-oauth-client-secret",
  },
};

/** Workloads that talk to PostgreSQL and Valkey (egress to the database subnets, connection URLs). */
export const USES_DATA_STORES: Readonly<Record<WorkloadName, boolean>> = { web: false, engine: true };
