/**
 * Preconditions of a Helm release as pure checks (src/constructs/validation.ts): the chart is
 * pinned to one exact version from an https:// or oci:// repository, or shipped as a local
 * chart, and every value fits the chart's vendored values file.
 */
import type { PreconditionProblem } from "../validation";
import type { ValuesProblem } from "./values-check";

/** An exact semantic version: no ranges (^, ~, >, x, *), no "latest", no leading "v". */
export const EXACT_CHART_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const REPOSITORY = /^(https:\/\/|oci:\/\/)[^\s]+$/;

export interface ChartSource {
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly repository?: string;
  readonly localChart?: Readonly<Record<string, string>>;
}

/** How problems name the release: its name, chart and version. */
export function releaseLabel(source: ChartSource): string {
  return `HelmRelease "${source.name}" (chart ${source.chart} ${source.version || "<no version>"})`;
}

/** What is wrong with where the chart comes from, if anything. */
export function chartSourceProblems(source: ChartSource): PreconditionProblem[] {
  const label = releaseLabel(source);
  const problems: PreconditionProblem[] = [];
  if (!EXACT_CHART_VERSION.test(source.version)) {
    problems.push({
      prop: "version",
      value: source.version,
      message: `${label}: chart version is not an exact version`,
      allowed: 'one release, such as "1.14.1"; ranges, "latest" and empty versions are refused',
      fix: "pin the release in src/constructs/helm/chart-catalog.ts and vendor its values file",
    });
  }
  if (source.localChart === undefined && !REPOSITORY.test(source.repository ?? "")) {
    problems.push({
      prop: "repository",
      value: source.repository,
      message: `${label}: repository must be an https:// Helm repository or an oci:// registry`,
      allowed: "https://… or oci://…",
      fix: "use the chart's published https or oci address",
    });
  }
  if (source.localChart !== undefined && source.repository !== undefined) {
    problems.push({
      prop: "repository",
      value: source.repository,
      message: `${label}: give either repository or localChart, not both`,
      allowed: "a repository, or a local chart",
      fix: "drop repository for a chart built from source",
    });
  }
  return problems;
}

/** Key path of a values problem that concerns the chart version, not a value: no values file is vendored for it. */
export const UNVENDORED = "(chart)";

/** Values problems as preconditions of the `values` prop, each with the value given. */
export function valuesProblems(source: ChartSource, values: Readonly<Record<string, unknown>>, found: readonly ValuesProblem[]) {
  const label = releaseLabel(source);
  return found.map(
    (p): PreconditionProblem =>
      p.path === UNVENDORED
        ? {
            prop: "version",
            value: source.version,
            message: `${label}: ${p.message}`,
            allowed: "a chart version whose values file is vendored under src/constructs/helm/charts/",
            fix: "vendor the values file with scripts/vendor-chart-values.ts, or pin a vendored version",
          }
        : {
            prop: `values.${p.path}`,
            value: valueAt(values, p.path),
            message: `${label}: ${p.message}`,
            allowed: "the keys and types of the chart's vendored values.yaml or values.schema.json (src/constructs/helm/charts/)",
            fix: "correct the key or its type, or declare the path open (openPaths) where the chart takes free-form keys",
          },
  );
}

function valueAt(values: Readonly<Record<string, unknown>>, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), values);
}
