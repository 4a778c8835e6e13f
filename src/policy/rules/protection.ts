/** Logs retained; production data protected and backed up. Production-only rules warn elsewhere. */
import { isTrue } from "../../terraform/json-values";
import type { PolicyRule, Severity, Tier } from "../types";

const errorInProduction = (tier: Tier): Severity => (tier === "production" ? "error" : "warning");
const isPrimary = (attributes: Record<string, any>) => !attributes.replicate_source_db;

export const protectionRules: PolicyRule[] = [
  {
    id: "SPK-LOG-RETENTION",
    // No checkov mapping: CKV_AWS_338 demands a year, more than this rule (waived in checkov.ts).
    description: "Log groups have a retention period (never kept forever by accident, nor lost early)",
    types: ["aws_cloudwatch_log_group"],
    check: (r) => (Number(r.attributes.retention_in_days) > 0 ? undefined : "retention_in_days is not set"),
  },
  {
    id: "SPK-PROD-DELETION-PROTECTION",
    checkov: "CKV_AWS_293",
    description: "Production databases have deletion protection and take a final snapshot",
    types: ["aws_db_instance", "aws_rds_cluster"],
    severity: errorInProduction,
    check: (r) => {
      const problems = [
        !isTrue(r.attributes.deletion_protection) && "deletion_protection is not true",
        isPrimary(r.attributes) && isTrue(r.attributes.skip_final_snapshot) && "skip_final_snapshot is true",
      ].filter(Boolean);
      return problems.length ? problems.join("; ") : undefined;
    },
  },
  {
    id: "SPK-PROD-BACKUPS",
    checkov: "CKV_AWS_133",
    description: "Production databases and caches keep automated backups",
    types: ["aws_db_instance", "aws_rds_cluster", "aws_elasticache_replication_group"],
    severity: errorInProduction,
    check: (r) => {
      if (r.type === "aws_elasticache_replication_group") {
        return Number(r.attributes.snapshot_retention_limit) > 0 ? undefined : "snapshot_retention_limit is 0";
      }
      // Read replicas are recovered from their primary's backups.
      return !isPrimary(r.attributes) || Number(r.attributes.backup_retention_period) > 0 ? undefined : "backup_retention_period is 0";
    },
  },
];
