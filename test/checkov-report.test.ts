import { describe, expect, it } from "vitest";
import { checkovMarkdown, parseCheckovResults } from "../src/pipeline/checkov-report";

const report = (failed: object[]) => ({
  check_type: "terraform_plan",
  results: { passed_checks: [], failed_checks: failed },
  summary: { passed: 12, failed: failed.length },
});

describe("checkov report", () => {
  it("lists each failed check with its resource and plan, not just 'failure'", () => {
    const results = parseCheckovResults(
      report([
        {
          check_id: "CKV_AWS_38",
          check_name: "Ensure Amazon EKS public endpoint not accessible to 0.0.0.0/0",
          resource: "aws_eks_cluster.cluster",
          file_path: "/dev-cluster.plan.json",
        },
      ]),
    );
    const markdown = checkovMarkdown(results, ["CKV_AWS_293"]);
    expect(markdown).toContain("**checkov**: 1 failed, 12 passed; skipped by the policy pack: CKV_AWS_293.");
    expect(markdown).toContain(
      "| CKV_AWS_38 | `aws_eks_cluster.cluster` | dev-cluster.plan.json | Ensure Amazon EKS public endpoint not accessible to 0.0.0.0/0 |",
    );
  });

  it("reads checkov's list form (several frameworks) and refuses output that is not checkov's", () => {
    expect(parseCheckovResults([report([]), report([{ check_id: "CKV_AWS_24", resource: "r", file_path: "/p" }])]).failed).toHaveLength(1);
    expect(() => parseCheckovResults({ nope: true })).toThrow(/not checkov/);
    expect(() => parseCheckovResults([])).toThrow(/not checkov/);
  });
});
