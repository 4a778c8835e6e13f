import { Release } from "@cdktf/provider-helm/lib/release";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { AssetType, TerraformAsset, type ITerraformDependable, type TerraformProvider } from "cdktf";
import { parse } from "yaml";
import { Construct } from "constructs";
import { chartArchive } from "./chart-archive";
import { chartValuesSpec, type ChartValuesSpec } from "./chart-files";
import { checkAgainstDefaults, checkAgainstSchema, type ValuesProblem } from "./values-check";
import { deepMerge, renderValues, type HelmValues } from "./values";
import { chartSourceProblems, UNVENDORED, valuesProblems } from "./release-preconditions";
import { checkPreconditions } from "../validation";

/** Roll back a failed install or upgrade instead of leaving a half-applied release. */
export const DEFAULT_ATOMIC = true;
/** Delete resources created by a failed upgrade. */
export const DEFAULT_CLEANUP_ON_FAIL = true;
/** Seconds Helm waits for the release's resources to become ready. */
export const DEFAULT_TIMEOUT_SECONDS = 600;
/** Namespaces are created by the platform stack (with their network policies), not by Helm. */
export const DEFAULT_CREATE_NAMESPACE = false;
/** Revisions kept for `helm rollback`; bounds the release Secrets in the namespace. */
export const DEFAULT_MAX_HISTORY = 10;
/** Install the chart's `crds/` (skip only where a separate CRD chart owns them). */
export const DEFAULT_SKIP_CRDS = false;

export { EXACT_CHART_VERSION } from "./release-preconditions";

export interface HelmReleaseProps {
  /** Release name. */
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  /** `https://` chart repository or `oci://` registry. Required unless `localChart` is given. */
  readonly repository?: string;
  /**
   * A chart kept in this repository as source (relative path → file content), shipped with the
   * stack as a Terraform asset; its own values.schema.json / values.yaml are the check.
   * @default none: the chart comes from `repository`
   */
  readonly localChart?: Readonly<Record<string, string>>;
  /** Exact chart version, for example `1.14.1`. */
  readonly version: string;
  /** Typed defaults of this platform for the chart. @default none */
  readonly defaults?: HelmValues;
  /** Per-environment overrides, merged over `defaults`. @default none */
  readonly overrides?: HelmValues;
  /** Free-form maps beyond the chart's `{}` defaults (dotted paths, `*` = any key). @default none */
  readonly openPaths?: readonly string[];
  /** @default DEFAULT_ATOMIC */
  readonly atomic?: boolean;
  /** @default DEFAULT_CLEANUP_ON_FAIL */
  readonly cleanupOnFail?: boolean;
  /** @default DEFAULT_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** @default DEFAULT_CREATE_NAMESPACE */
  readonly createNamespace?: boolean;
  /** @default DEFAULT_MAX_HISTORY */
  readonly maxHistory?: number;
  /** @default DEFAULT_SKIP_CRDS */
  readonly skipCrds?: boolean;
  /** @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Helm release with a pinned chart version and values that are merged from typed defaults
 * and overrides, checked against the chart's own values.schema.json or values.yaml, and
 * rendered deterministically. A bad version, repository or value throws before any Terraform
 * is written, naming the release and the key path.
 */
export class HelmRelease extends Construct {
  readonly name: string;
  readonly namespace: string;
  readonly version: string;
  /** The merged values, as rendered into the release. */
  readonly values: HelmValues;
  readonly release: Release;
  /** The local chart's files, when the chart is kept as source. */
  readonly localChart?: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    checkPreconditions(this, ...chartSourceProblems(props));
    this.values = deepMerge<HelmValues>({}, props.defaults, props.overrides);
    checkPreconditions(this, ...valuesProblems(props, this.values, checkValues(this.values, props)));

    const chart = props.localChart ? this.chartAsset(props.chart, props.version, props.localChart) : props.chart;
    this.release = new Release(this, "release", {
      name: props.name,
      namespace: props.namespace,
      chart,
      repository: props.repository,
      version: props.version,
      values: [renderValues(this.values)],
      atomic: props.atomic ?? DEFAULT_ATOMIC,
      cleanupOnFail: props.cleanupOnFail ?? DEFAULT_CLEANUP_ON_FAIL,
      timeout: props.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      createNamespace: props.createNamespace ?? DEFAULT_CREATE_NAMESPACE,
      maxHistory: props.maxHistory ?? DEFAULT_MAX_HISTORY,
      skipCrds: props.skipCrds ?? DEFAULT_SKIP_CRDS,
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
    this.localChart = props.localChart;
    this.name = props.name;
    this.namespace = props.namespace;
    this.version = props.version;
  }

  /**
   * Packages a local chart (chart-archive.ts) into a content-addressed file and ships it as a
   * Terraform asset, copied into the stack's output as `assets/<id>/<hash>/<chart>-<version>.tgz`.
   * The hash covers the chart's name and its sorted paths and contents, so the path is the same on
   * every machine and changes exactly when the chart does.
   */
  private chartAsset(chart: string, version: string, files: Readonly<Record<string, string>>): string {
    const hash = createHash("sha256").update(`${chart}\0`);
    for (const path of Object.keys(files).sort()) hash.update(`${path}\0${files[path]}\0`);
    const digest = hash.digest("hex").slice(0, 16);
    const archive = join(tmpdir(), `sparki-chart-${digest}`, `${chart}-${version}.tgz`);
    if (!existsSync(archive)) {
      // Written aside and renamed into place, so a concurrent synthesis (another process writing
      // the same content-addressed file) never copies a half-written archive.
      mkdirSync(dirname(archive), { recursive: true });
      const partial = `${archive}.partial-${process.pid}-${randomUUID()}`;
      writeFileSync(partial, chartArchive(chart, files));
      renameSync(partial, archive);
    }
    return new TerraformAsset(this, "chart", { path: archive, type: AssetType.FILE, assetHash: digest }).path;
  }
}

function localValuesSpec(files: Readonly<Record<string, string>>): ChartValuesSpec | undefined {
  if (files["values.schema.json"]) return { kind: "schema", schema: JSON.parse(files["values.schema.json"]) };
  if (files["values.yaml"] !== undefined)
    return { kind: "defaults", defaults: (parse(files["values.yaml"]) as Record<string, unknown> | null) ?? {} };
  return undefined;
}

function checkValues(values: HelmValues, props: HelmReleaseProps): ValuesProblem[] {
  const spec = props.localChart ? localValuesSpec(props.localChart) : chartValuesSpec(props.chart, props.version);
  if (!spec) {
    return [
      {
        path: UNVENDORED,
        message:
          `no values.schema.json or values.yaml vendored for ${props.chart} ${props.version}; vendor the chart's file for this ` +
          `exact version under src/constructs/helm/charts/ (with a SOURCE note) so values can be checked`,
      },
    ];
  }
  const open = props.openPaths ?? [];
  return spec.kind === "schema" ? checkAgainstSchema(values, spec.schema, open) : checkAgainstDefaults(values, spec.defaults, open);
}
