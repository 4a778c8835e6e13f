/**
 * Changes that lose data or protection without deleting a database: derived from the real
 * fixtures by changing the resource's type and values as Terraform would write them.
 */
import { describe, expect, it } from "vitest";
import { CRD_OWNING_CHARTS, NOT_STATEFUL, PROTECTIVE_RESOURCE_TYPES } from "../../src/gate/classification";
import { renderMarkdown } from "../../src/gate/report";
import { STATEFUL_RESOURCE_TYPES } from "../../src/gate/stateful";
import { blockingOf, judge, rawPlan } from "./plans";

/** A one-change plan: the update fixture's first change, retyped. */
function planOf(type: string, actions: string[], before: object | null, after: object | null) {
  const plan = rawPlan("update");
  const template = plan.resource_changes[0];
  plan.resource_changes = [
    {
      ...template,
      address: `${type}.x`,
      type,
      name: "x",
      change: { ...template.change, actions, before, after, after_unknown: {}, replace_paths: undefined },
    },
  ];
  return plan;
}

describe("gate: changes that lose data or protection", () => {
  it("blocks S3 versioning going from Enabled to Suspended", () => {
    const plan = planOf(
      "aws_s3_bucket_versioning",
      ["update"],
      { versioning_configuration: [{ status: "Enabled", mfa_delete: "" }] },
      { versioning_configuration: [{ status: "Suspended", mfa_delete: "" }] },
    );
    const result = judge(plan);
    expect(blockingOf(result)).toEqual(["protection-off aws_s3_bucket_versioning.x"]);
    expect(renderMarkdown(result)).toMatch(/S3 versioning suspended: `versioning_configuration` "Enabled" → "Suspended"/);
    expect(
      blockingOf(
        judge(
          planOf(
            "aws_s3_bucket_versioning",
            ["update"],
            { versioning_configuration: [{ status: "Suspended" }] },
            { versioning_configuration: [{ status: "Enabled" }] },
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("blocks cutting a secret's recovery window to 0", () => {
    const plan = planOf(
      "aws_secretsmanager_secret",
      ["update"],
      { recovery_window_in_days: 30, name: "s" },
      { recovery_window_in_days: 0, name: "s" },
    );
    expect(blockingOf(judge(plan))).toEqual(["protection-off aws_secretsmanager_secret.x"]);
  });

  it("blocks deleting a backup vault lock, and says what is lost", () => {
    const result = judge(planOf("aws_backup_vault_lock_configuration", ["delete"], { backup_vault_name: "v" }, null));
    expect(blockingOf(result)).toEqual(["protection-removed aws_backup_vault_lock_configuration.x"]);
    expect(renderMarkdown(result)).toContain(PROTECTIVE_RESOURCE_TYPES.aws_backup_vault_lock_configuration);
  });

  it("blocks deleting or replacing a Helm release that owns CRDs, not any Helm release", () => {
    const result = judge(planOf("helm_release", ["delete"], { chart: "karpenter-crd", name: "karpenter-crd" }, null));
    expect(blockingOf(result)).toEqual(["stateful-delete helm_release.x"]);
    expect(renderMarkdown(result)).toContain("deletes every NodePool");
    expect(
      blockingOf(judge(planOf("helm_release", ["delete", "create"], { chart: "external-secrets" }, { chart: "external-secrets" }))),
    ).toEqual(["stateful-replace helm_release.x"]);
    expect(blockingOf(judge(planOf("helm_release", ["delete"], { chart: "metrics-server" }, null)))).toEqual([]);
  });

  it("blocks deleting a namespace (it deletes every workload in it) and replacing or deleting a queue", () => {
    expect(blockingOf(judge(planOf("kubernetes_namespace_v1", ["delete"], { metadata: [{ name: "sparki" }] }, null)))).toEqual([
      "stateful-delete kubernetes_namespace_v1.x",
    ]);
    expect(blockingOf(judge(planOf("aws_sqs_queue", ["create", "delete"], { name: "q" }, { name: "q2" })))).toEqual([
      "stateful-replace aws_sqs_queue.x",
    ]);
    expect(blockingOf(judge(planOf("aws_sqs_queue", ["delete"], { name: "q" }, null)))).toEqual(["stateful-delete aws_sqs_queue.x"]);
  });

  it("classifies each type once", () => {
    const lists = [[...STATEFUL_RESOURCE_TYPES], Object.keys(PROTECTIVE_RESOURCE_TYPES), Object.keys(NOT_STATEFUL)];
    const all = lists.flat();
    expect(all.length).toBe(new Set(all).size);
    for (const chart of Object.keys(CRD_OWNING_CHARTS)) expect(chart).toMatch(/^[a-z0-9-]+$/);
  });
});
