import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CHECKOV_TITLES, CHECKOV_WAIVERS, checkovIds, checkovSkips } from "../src/policy/checkov";
import { BASELINE_RULES } from "../src/policy/rules";

const rule = (id: string) => BASELINE_RULES.find((r) => r.id === id)!;
const titles = (id: string) => checkovIds(rule(id)).map((c) => CHECKOV_TITLES[c]);
const ids = (skips: { id: string }[]) => skips.map((s) => s.id);

describe("checkov mapping", () => {
  it("names only checks whose title checkov's source gives", () => {
    for (const r of BASELINE_RULES) for (const id of checkovIds(r)) expect(CHECKOV_TITLES[id], `${r.id} → ${id}`).toBeDefined();
    for (const w of CHECKOV_WAIVERS) expect(CHECKOV_TITLES[w.id], w.id).toBeDefined();
  });

  it("maps the private-or-restricted EKS endpoint rule to the CIDR check, not to 'public endpoint disabled'", () => {
    expect(checkovIds(rule("SPK-EKS-ENDPOINT"))).toEqual(["CKV_AWS_38"]);
    expect(titles("SPK-EKS-ENDPOINT")).toEqual(["Ensure Amazon EKS public endpoint not accessible to 0.0.0.0/0"]);
  });

  it("maps open ingress to checkov's per-port checks of ports the rule forbids everywhere, never port 80 or 443", () => {
    const ports = titles("SPK-NET-OPEN-INGRESS").map((t) => /to port (-?\d+)$/.exec(t!)?.[1]);
    expect(ports.sort()).toEqual(["-1", "22", "3389"]);
  });

  it("never both enforces and waives a check", () => {
    const mapped = new Set(BASELINE_RULES.flatMap(checkovIds));
    for (const w of CHECKOV_WAIVERS) expect(mapped.has(w.id), w.id).toBe(false);
  });
});

describe("checkov skip list", () => {
  it("skips in development what the pack only warns about there, and enforces it in production", () => {
    expect(ids(checkovSkips("development"))).toContain("CKV_AWS_293");
    expect(ids(checkovSkips("production"))).not.toContain("CKV_AWS_293");
    expect(checkovSkips("development").find((s) => s.id === "CKV_AWS_293")!.reason).toMatch(
      /SPK-PROD-DELETION-PROTECTION is a warning in the development tier/,
    );
  });

  it("skips the checks of a suppressed rule, with the suppression's reason", () => {
    const skips = checkovSkips("production", [
      { rule: "SPK-EKS-ENDPOINT", stack: "prod-cluster", address: "aws_eks_cluster.x", reason: "break-glass access from the office range" },
    ]);
    expect(skips.find((s) => s.id === "CKV_AWS_38")!.reason).toMatch(/SPK-EKS-ENDPOINT suppressed on aws_eks_cluster\.x: break-glass/);
  });

  it("skips nothing the pack enforces as an error without a suppression", () => {
    const enforced = BASELINE_RULES.filter((r) => (r.severity?.("production") ?? "error") === "error").flatMap(checkovIds);
    expect(ids(checkovSkips("production")).filter((id) => enforced.includes(id))).toEqual([]);
  });

  it("lives in the policy pack only: .checkov.yaml has no skip list", () => {
    const config = parse(readFileSync(".checkov.yaml", "utf8"));
    expect(config["skip-check"]).toBeUndefined();
    expect(config.framework).toEqual(["terraform_plan"]);
  });
});
