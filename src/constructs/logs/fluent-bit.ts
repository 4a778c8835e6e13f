import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { LOG_INDEX_PREFIX, LOG_SEARCH_PORT } from "./defaults";

/** One shipper per node: it reads that node's files, so requests stay small and memory is capped. */
export const FLUENT_BIT_RESOURCES = { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } };
/** Memory a tailed file may buffer while the domain is slow; beyond it the input pauses (no OOM). */
export const TAIL_MEMORY_BUFFER = "20MB";
/** Retries of a failed bulk request before the chunk is dropped, so one bad batch cannot block a node for ever. */
export const OUTPUT_RETRY_LIMIT = 10;
/** Read offsets on the node's disk (the chart mounts the host's /var/log), so a restart neither re-sends nor skips lines. */
export const TAIL_OFFSETS_DB = "/var/log/fluent-bit-containers.db";

export interface FluentBitProps {
  readonly namespace: string;
  /** VPC hostname of the OpenSearch domain (core output `opensearch_endpoint`). */
  readonly endpoint: string;
  readonly region: string;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** The Fluent Bit pipeline: container logs, Kubernetes metadata, signed bulk writes to `logs-YYYY.MM.DD`. */
export function fluentBitConfig(endpoint: string, region: string): Record<"inputs" | "filters" | "outputs", string> {
  const section = (name: string, settings: [string, string | number][]) =>
    `${[`[${name}]`, ...settings.map(([key, value]) => `    ${key} ${value}`)].join("\n")}\n`;
  return {
    inputs: section("INPUT", [
      ["Name", "tail"],
      ["Path", "/var/log/containers/*.log"],
      // Its own lines would come back to it whenever the output logs an error.
      ["Exclude_Path", "/var/log/containers/fluent-bit-*.log"],
      ["multiline.parser", "docker, cri"],
      ["Tag", "kube.*"],
      ["DB", TAIL_OFFSETS_DB],
      ["Mem_Buf_Limit", TAIL_MEMORY_BUFFER],
      ["Skip_Long_Lines", "On"],
    ]),
    filters: section("FILTER", [
      ["Name", "kubernetes"],
      ["Match", "kube.*"],
      ["Merge_Log", "On"],
      ["Keep_Log", "Off"],
      ["K8S-Logging.Parser", "On"],
      ["K8S-Logging.Exclude", "On"],
      // Annotations hold free-form keys that explode the index mapping; labels are enough to filter.
      ["Annotations", "Off"],
    ]),
    outputs: section("OUTPUT", [
      ["Name", "opensearch"],
      ["Match", "kube.*"],
      ["Host", endpoint],
      ["Port", LOG_SEARCH_PORT],
      ["tls", "On"],
      ["tls.verify", "On"],
      ["AWS_Auth", "On"],
      ["AWS_Region", region],
      ["Logstash_Format", "On"],
      ["Logstash_Prefix", LOG_INDEX_PREFIX],
      // OpenSearch 2.x rejects mapping types in bulk requests.
      ["Suppress_Type_Name", "On"],
      // Label keys such as app.kubernetes.io/name would otherwise become conflicting object paths.
      ["Replace_Dots", "On"],
      ["Trace_Error", "On"],
      ["Retry_Limit", OUTPUT_RETRY_LIMIT],
    ]),
  };
}

/**
 * Fluent Bit as a DaemonSet on every node (it tolerates every taint), shipping container logs
 * to the log search domain over HTTPS with SigV4: its service account's Pod Identity role may
 * only write `logs-*` indices through `_bulk`. The chart's own image tag (appVersion) is pinned
 * by the chart version.
 */
export class FluentBit extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: FluentBitProps) {
    super(scope, id);
    this.release = new HelmRelease(this, "release", {
      name: "fluent-bit",
      namespace: props.namespace,
      ...CHARTS.fluentBit,
      defaults: {
        kind: "DaemonSet",
        serviceAccount: { create: true, name: SERVICE_ACCOUNTS.fluentBit.name },
        tolerations: [{ operator: "Exists" }],
        priorityClassName: "system-node-critical",
        resources: FLUENT_BIT_RESOURCES,
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        serviceMonitor: { enabled: true },
        // The chart's connection test pulls busybox:latest, a floating image.
        testFramework: { enabled: false },
        config: fluentBitConfig(props.endpoint, props.region),
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
