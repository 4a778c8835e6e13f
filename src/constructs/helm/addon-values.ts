/**
 * Per-environment value overrides of the platform's Helm add-ons: `addons.<name>.values` in an
 * environment file, deep-merged over the construct's typed defaults (maps merge key by key;
 * lists and scalars replace). Pure: the environment schema runs `addonValuesProblems` while the
 * file is validated, so a misspelt key or a key the platform owns is reported at its file:line
 * before any construct is built; `HelmRelease` checks the merged values again.
 */
import { chartValuesSpec } from "./chart-files";
import { CHARTS, type ChartRef } from "./chart-catalog";
import { checkAgainstDefaults, checkAgainstSchema } from "./values-check";
import { isPlainObject } from "./values";

/** The add-ons whose values an environment file may override: keys of `CHARTS`, each one Helm release. */
export const ADDON_NAMES = [
  "awsLoadBalancerController",
  "externalSecrets",
  "metricsServer",
  "karpenter",
  "kubePrometheusStack",
  "jaeger",
  "fluentBit",
] as const satisfies readonly (keyof typeof CHARTS)[];
export type AddonName = (typeof ADDON_NAMES)[number];

/** A key the platform sets and an override may not change: a dotted path (`*` = any one key) and why. */
export interface OwnedKey {
  readonly path: string;
  readonly why: string;
}

/** Keys owned in every add-on, wherever they appear (any depth). */
export const OWNED_EVERYWHERE: readonly OwnedKey[] = [
  {
    path: "serviceAccount",
    why: "the platform names each service account; EKS Pod Identity binds the add-on's IAM role to that name",
  },
  { path: "image", why: "images follow the chart version pinned in src/constructs/helm/chart-catalog.ts; upgrade the chart there" },
];

/**
 * A key whose name says it carries a secret (or names the Secret that does). A value in the
 * environment file would be committed to Git and copied into the Terraform state; secrets reach
 * pods through External Secrets (src/constructs/secrets/README.md).
 */
export const SECRET_KEY = /password|passwd|secret|token|credential|api[-_]?key|private[-_]?key/i;

/** Keys each add-on's construct derives from other stacks or from reviewed code. */
export const OWNED_KEYS: Readonly<Record<AddonName, readonly OwnedKey[]>> = {
  awsLoadBalancerController: [
    { path: "clusterName", why: "read from the cluster; another value points the controller at a different cluster" },
    { path: "region", why: "the environment's account.region" },
    { path: "vpcId", why: "read from <env>-core's outputs; another value points the controller at a different VPC" },
  ],
  externalSecrets: [],
  metricsServer: [],
  karpenter: [
    { path: "settings.clusterName", why: "read from the cluster; another value launches nodes for a different cluster" },
    { path: "settings.interruptionQueue", why: "read from <env>-cluster's outputs (the queue its EventBridge rules feed)" },
  ],
  kubePrometheusStack: [
    { path: "grafana.admin", why: "Grafana's admin login comes from an ExternalSecret (observability-secrets.ts)" },
    {
      path: "alertmanager.config",
      why: "alert routing and receivers are code (alertmanager-config.ts), tested with the alerts; receiver keys come from a Secret",
    },
  ],
  jaeger: [
    {
      path: "userconfig",
      why: "Jaeger's storage and listen addresses, which the collector and Grafana's data source point at (tracing/jaeger.ts)",
    },
  ],
  fluentBit: [{ path: "config", why: "inputs, filters and the signed output to the log search domain (logs/fluent-bit.ts)" }],
};

/** One problem with an override, its path relative to `addons.<name>.values`. */
export interface AddonValuesProblem {
  readonly path: readonly string[];
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
  /** The value may be a secret: show it nowhere, not even in the error. */
  readonly redact?: boolean;
}

function matches(pattern: string, path: readonly string[]): boolean {
  const parts = pattern.split(".");
  return parts.length === path.length && parts.every((p, i) => p === "*" || p === path[i]);
}

function ownedProblems(name: AddonName, values: Record<string, unknown>, path: readonly string[] = []): AddonValuesProblem[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const here = [...path, key];
    const owned = OWNED_KEYS[name].find((o) => matches(o.path, here)) ?? OWNED_EVERYWHERE.find((o) => o.path === key);
    if (owned)
      return [
        {
          path: here,
          message: `${here.join(".")} is set by the platform and cannot be overridden: ${owned.why}`,
          allowed: "any other key of the chart's values",
          fix: `remove addons.${name}.values.${here.join(".")}`,
        },
      ];
    if (SECRET_KEY.test(key))
      return [
        {
          path: here,
          message:
            `${here.join(".")} looks like a secret (or the Secret holding one): a value here would be committed to Git and ` +
            "copied into the Terraform state",
          allowed: "keys that carry no secret",
          fix: `remove addons.${name}.values.${here.join(".")}; put the value in Secrets Manager and reach it through External Secrets`,
          redact: true,
        },
      ];
    return isPlainObject(value) ? ownedProblems(name, value, here) : [];
  });
}

/**
 * What is wrong with `values` as overrides of add-on `name`: keys the platform owns or that carry
 * secrets, then keys or types the chart's vendored values.schema.json / values.yaml does not know.
 */
export function addonValuesProblems(name: AddonName, values: Record<string, unknown>): AddonValuesProblem[] {
  const owned = ownedProblems(name, values);
  if (owned.length > 0) return owned;
  const chart: ChartRef = CHARTS[name];
  const spec = chartValuesSpec(chart.chart, chart.version);
  if (!spec) return [];
  const open = chart.openPaths ?? [];
  const found = spec.kind === "schema" ? checkAgainstSchema(values, spec.schema, open) : checkAgainstDefaults(values, spec.defaults, open);
  const source = spec.kind === "schema" ? "values.schema.json" : "values.yaml";
  return found.map((p) => ({
    path: p.path === "(root)" ? [] : p.path.split("."),
    message: p.message,
    allowed: `keys and types of ${chart.chart} ${chart.version}'s ${source} (src/constructs/helm/charts/${chart.chart}/${chart.version}/)`,
    fix: "correct the key (Helm ignores unknown keys silently, so a typo would change nothing)",
  }));
}
