/**
 * The validation layer: real `terraform validate` against the AWS provider schema, offline.
 * Runs where SPARKI_TF_PLUGIN_DIR names a provider mirror and terraform is on PATH
 * (.ci/run discovers the mirror); elsewhere it says loudly that it was skipped.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { synthesize } from "../src/synthesize";
import { validateStacks, validationAvailability } from "../src/validate/terraform-validate";

const availability = validationAvailability();
if (!availability.available) {
  console.warn(`\n*** SKIPPED: terraform validate layer — ${availability.reason}. ***\n`);
}
const pluginDir = availability.available ? availability.pluginDir : "";

describe("terraform validate", () => {
  it.runIf(availability.available)(
    "accepts every AWS-only stack of every environment",
    () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "sparki-validate-test-")), "out");
      const synthesized = synthesize({ environmentsDir: "environments", outdir });
      const result = validateStacks(outdir, pluginDir);
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.validated.length + result.skipped.length).toBe(synthesized.stacks.length);
      expect(result.validated).toEqual(
        expect.arrayContaining(["dev-core", "prod-core", "staging-core", "dev-edge", "prod-edge", "staging-edge"]),
      );
      // One terraform run over every AWS-only stack; on a busy 2-core machine it outlasts the default 60 s.
    },
    180_000,
  );

  it.runIf(availability.available)(
    "accepts the edge stack with its optional features switched on",
    () => {
      // staging with preview sources restricted: the WAF rule nests and/not statements.
      const environmentsDir = mkdtempSync(join(tmpdir(), "sparki-validate-edge-env-"));
      const doc = parseDocument(readFileSync("environments/staging.yaml", "utf8"));
      doc.setIn(["edge", "previewSourceCidrs"], ["203.0.113.0/24"]);
      writeFileSync(join(environmentsDir, "staging.yaml"), doc.toString());
      const outdir = join(environmentsDir, "out");
      synthesize({ environmentsDir, outdir, only: ["staging"] });
      for (const stack of ["staging-core", "staging-cluster"]) rmSync(join(outdir, "stacks", stack), { recursive: true });
      const result = validateStacks(outdir, pluginDir);
      expect(result.diagnostics).toEqual([]);
      expect(result.validated).toContain("staging-edge");
    },
    180_000,
  );

  it.runIf(availability.available)(
    "accepts the edge stack with the CloudFront distribution on",
    () => {
      // prod: hosted zone and engine host, so the us-east-1 certificate, its validation and the
      // CloudFront aliases are all present; preview sources put an IP set in the CLOUDFRONT scope.
      const environmentsDir = mkdtempSync(join(tmpdir(), "sparki-validate-cdn-env-"));
      const doc = parseDocument(readFileSync("environments/prod.yaml", "utf8"));
      doc.setIn(["edge", "cdn"], { enabled: true, priceClass: "PriceClass_200" });
      doc.setIn(["edge", "previewSourceCidrs"], ["203.0.113.0/24"]);
      writeFileSync(join(environmentsDir, "prod.yaml"), doc.toString());
      const outdir = join(environmentsDir, "out");
      const synthesized = synthesize({ environmentsDir, outdir, only: ["prod"] });
      for (const { stack } of synthesized.stacks.filter((s) => s.stack !== "prod-edge"))
        rmSync(join(outdir, "stacks", stack), { recursive: true, force: true });
      const result = validateStacks(outdir, pluginDir);
      expect(result.diagnostics).toEqual([]);
      expect(result.validated).toEqual(["prod-edge"]);
    },
    180_000,
  );

  it.runIf(availability.available)("rejects a stack the provider schema does not accept", () => {
    const outdir = mkdtempSync(join(tmpdir(), "sparki-validate-bad-"));
    mkdirSync(join(outdir, "stacks", "broken"), { recursive: true });
    const stack = {
      terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" } } },
      provider: { aws: [{ region: "us-east-1" }] },
      resource: { aws_s3_bucket: { b: { bucket: "x", not_an_attribute: true } } },
    };
    writeFileSync(join(outdir, "stacks", "broken", "cdk.tf.json"), JSON.stringify(stack));
    const result = validateStacks(outdir, pluginDir);
    expect(result.valid).toBe(false);
    expect(result.diagnostics.some((d) => d.stack === "broken" && d.severity === "error")).toBe(true);
  });
});
