/** Everything pinned: providers, charts, engines, add-ons. Floating versions make plans drift. */
import type { PolicyRule } from "../types";

const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** Engine versions pinned to at least major.minor (RDS and ElastiCache take "17.5", "8.0"). */
const PINNED_ENGINE = /^\d+\.\d+(\.\d+)?$/;
/** RDS PostgreSQL with automatic minor upgrades: the major version alone ("17"). */
const MAJOR_ONLY = /^\d+$/;
/** OpenSearch Service names engines with their family: "OpenSearch_2.19", "Elasticsearch_7.10". */
const PINNED_SEARCH_ENGINE = /^(OpenSearch|Elasticsearch)_\d+\.\d+$/;

const ENGINE_VERSION_TYPES: Record<string, string> = {
  aws_db_instance: "engine_version",
  aws_rds_cluster: "engine_version",
  aws_elasticache_replication_group: "engine_version",
  aws_eks_cluster: "version",
  aws_eks_addon: "addon_version",
  aws_opensearch_domain: "engine_version",
};

export const versionRules: PolicyRule[] = [
  {
    id: "SPK-PIN-PROVIDER",
    description: "Every provider is pinned to an exact version",
    types: ["*"],
    checkStack: (stack) =>
      Object.entries(stack.requiredProviders)
        .filter(([, p]) => !EXACT_SEMVER.test(p.version ?? ""))
        .map(([name, p]) => `provider ${name} version ${JSON.stringify(p.version ?? "(none)")} is not an exact version`),
  },
  {
    id: "SPK-PIN-CHART",
    description: "Every Helm release pins an exact chart version",
    types: ["helm_release"],
    check: (r) =>
      EXACT_SEMVER.test(String(r.attributes.version ?? ""))
        ? undefined
        : `chart version ${JSON.stringify(r.attributes.version ?? "(none)")} is not exact`,
  },
  {
    id: "SPK-PIN-ENGINE",
    description: "Database, cache, cluster and add-on versions are pinned (an RDS instance with automatic minor upgrades pins its major)",
    types: Object.keys(ENGINE_VERSION_TYPES),
    check: (r) => {
      // Read replicas follow their source's version.
      if (r.attributes.replicate_source_db) return undefined;
      const value = r.attributes[ENGINE_VERSION_TYPES[r.type]];
      if (r.type === "aws_db_instance" && r.attributes.auto_minor_version_upgrade === true) {
        // RDS owns the minor: the major alone is the pin (an exact minor would be downgraded by the next plan).
        return MAJOR_ONLY.test(String(value))
          ? undefined
          : `engine_version ${JSON.stringify(value ?? "(none)")} with auto_minor_version_upgrade must be a major version alone`;
      }
      const pattern =
        r.type === "aws_eks_addon"
          ? /^v\d+\.\d+\.\d+-eksbuild\.\d+$/
          : r.type === "aws_opensearch_domain"
            ? PINNED_SEARCH_ENGINE
            : PINNED_ENGINE;
      const pinned = pattern.test(String(value));
      return pinned ? undefined : `${ENGINE_VERSION_TYPES[r.type]} ${JSON.stringify(value ?? "(none)")} is not pinned`;
    },
  },
];
