/** The gate's decision on each real plan fixture. */
import { describe, expect, it } from "vitest";
import { STATEFUL_RESOURCE_TYPES } from "../../src/gate/stateful";
import { blockingOf, judge } from "./plans";

describe("plan gate on real plans", () => {
  it("passes a plan that only creates, including a stateful database and resources in a module", () => {
    const result = judge("create");
    expect(result.passed).toBe(true);
    expect(result.counts).toMatchObject({ create: 3, read: 1, delete: 0, replace: 0 });
    expect(result.findings).toEqual([]);
  });

  it("passes in-place updates of attributes that protect nothing, even on stateful resources", () => {
    const result = judge("update");
    expect(result.passed).toBe(true);
    expect(result.counts.update).toBe(2);
  });

  it("blocks every protection switched off and names each attribute with its old and new value", () => {
    const result = judge("protection-off");
    expect(result.passed).toBe(false);
    expect(blockingOf(result)).toEqual([
      "protection-off aws_db_instance.main",
      "protection-off aws_kms_key.main",
      "protection-off aws_s3_bucket.assets",
    ]);
    const switched = result.blocking.flatMap((f) =>
      (f.protections ?? []).map((p) => [f.address, p.protection.attribute, p.before, p.after]),
    );
    expect(switched).toEqual(
      expect.arrayContaining([
        ["aws_db_instance.main", "deletion_protection", true, false],
        ["aws_db_instance.main", "skip_final_snapshot", false, true],
        ["aws_db_instance.main", "backup_retention_period", 7, 0],
        ["aws_kms_key.main", "enable_key_rotation", true, false],
        ["aws_s3_bucket.assets", "force_destroy", false, true],
      ]),
    );
    expect(switched).toHaveLength(5);
  });

  it("blocks deletes of stateful resources, in the root and in a module, but not of a security group", () => {
    const result = judge("delete");
    expect(result.counts.delete).toBe(3);
    expect(blockingOf(result)).toEqual(["stateful-delete aws_s3_bucket.assets", "stateful-delete module.legacy.aws_db_instance.main"]);
    expect(result.blocking.every((f) => f.actionReason === "delete_because_no_resource_config")).toBe(true);
  });

  it("blocks stateful replacements in both orders and explains them with Terraform's reason and the forcing attributes", () => {
    const result = judge("replace");
    expect(result.counts.replace).toBe(3);
    expect(blockingOf(result)).toEqual(["stateful-replace aws_db_instance.main", "stateful-replace aws_s3_bucket.assets"]);
    const byAddress = Object.fromEntries(result.blocking.map((f) => [f.address, f]));
    expect(byAddress["aws_db_instance.main"]).toMatchObject({
      actions: ["delete", "create"],
      actionReason: "replace_because_cannot_update",
      replacePaths: [["username"]],
    });
    expect(byAddress["aws_s3_bucket.assets"]).toMatchObject({
      actions: ["create", "delete"],
      actionReason: "replace_because_cannot_update",
      replacePaths: [["bucket"]],
    });
  });

  it("blocks a forget (removed block with destroy = false)", () => {
    const result = judge("forget");
    expect(result.counts).toMatchObject({ forget: 1, "no-op": 1 });
    expect(blockingOf(result)).toEqual(["forget aws_s3_bucket.assets"]);
  });

  it("passes a plan with nothing to change, which Terraform marks not applyable", () => {
    const result = judge("no-op");
    expect(result).toMatchObject({ passed: true, applyable: false, errored: false });
    expect(result.counts["no-op"]).toBe(5);
  });

  it("blocks an errored plan even though its listed changes are harmless", () => {
    const result = judge("errored");
    expect(result.errored).toBe(true);
    expect(result.counts.create).toBe(1);
    expect(result.blocking.map((f) => f.rule)).toEqual(["errored-plan"]);
  });

  it("reports drift by kind without blocking on it, even drift that deleted a stateful resource", () => {
    const result = judge("drift");
    expect(result.passed).toBe(true);
    expect(result.drift).toEqual([
      { address: "aws_cloudwatch_log_group.app", kind: "update" },
      { address: "aws_cloudwatch_log_group.audit", kind: "delete" },
    ]);
  });

  it("classifies statefulness by resource type, covering every data-holding type the gate promises", () => {
    for (const type of [
      "aws_db_instance",
      "aws_rds_cluster",
      "aws_rds_cluster_instance",
      "aws_elasticache_replication_group",
      "aws_elasticache_cluster",
      "aws_kms_key",
      "aws_s3_bucket",
      "aws_secretsmanager_secret",
      "aws_eks_cluster",
      "aws_opensearch_domain",
      "aws_backup_vault",
      "aws_dynamodb_table",
      "aws_efs_file_system",
      "aws_ebs_volume",
      "aws_cloudwatch_log_group",
      "aws_ecr_repository",
    ]) {
      expect(STATEFUL_RESOURCE_TYPES.has(type), type).toBe(true);
    }
    expect(STATEFUL_RESOURCE_TYPES.has("aws_security_group")).toBe(false);
  });
});
