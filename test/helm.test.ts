import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHARTS } from "../src/constructs/helm/chart-catalog";
import { CHART_FILES_DIR, VENDORED } from "../src/constructs/helm/chart-files";
import { EXACT_CHART_VERSION, HelmRelease, type HelmReleaseProps } from "../src/constructs/helm/helm-release";
import { ConstructValidationError } from "../src/constructs/validation";
import { deepMerge, renderValues } from "../src/constructs/helm/values";
import { bodies, synthJson, testApp } from "./helpers/synth";

const alb = CHARTS.awsLoadBalancerController;
const eso = CHARTS.externalSecrets;

function release(props: Partial<HelmReleaseProps> & Pick<HelmReleaseProps, "chart" | "repository" | "version">) {
  const stack = new TerraformStack(testApp(), "test");
  const construct = new HelmRelease(stack, "release", { name: "test-release", namespace: "platform", ...props });
  return { construct, json: synthJson(stack) };
}

describe("HelmRelease", () => {
  it.each(Object.entries(CHARTS))(
    "catalog chart %s is pinned exactly and its values file is vendored with a SOURCE note",
    (_key, chart) => {
      expect(chart.version).toMatch(EXACT_CHART_VERSION);
      expect(chart.repository).toMatch(/^(https|oci):\/\//);
      const dir = join(CHART_FILES_DIR, chart.chart, chart.version);
      expect(existsSync(join(dir, "values.yaml")) || existsSync(join(dir, "values.schema.json"))).toBe(true);
      expect(existsSync(join(dir, "SOURCE"))).toBe(true);
    },
  );

  it.each(["", "latest", "^1.2.0", "~3.5.0", "3.x", "3.5", ">=3.5.0", "v3.5.0", "*"])("refuses the chart version %j", (version) => {
    expect(() => release({ ...alb, version })).toThrow(/HelmRelease "test-release".*not an exact version/);
    expect(() => release({ ...alb, version })).toThrow(ConstructValidationError);
  });

  it("refuses a repository that is neither https nor oci", () => {
    expect(() => release({ ...alb, repository: "http://charts.example.com" })).toThrow(
      /https:\/\/ Helm repository or an oci:\/\/ registry/,
    );
  });

  it("sets atomic, cleanup_on_fail, timeout, create_namespace and max_history", () => {
    const [body] = bodies(release({ ...alb, defaults: { clusterName: "sparki-dev" } }).json, "helm_release");
    expect(body).toMatchObject({
      chart: "aws-load-balancer-controller",
      version: "3.5.0",
      repository: "https://aws.github.io/eks-charts",
      atomic: true,
      cleanup_on_fail: true,
      timeout: 600,
      create_namespace: false,
      max_history: 10,
    });
  });

  it("fails a typo'd key with the release name, the key path and a suggestion (values.yaml)", () => {
    const typo = () => release({ ...alb, name: "aws-load-balancer-controller", overrides: { serviceAccount: { nmae: "x" } } });
    expect(typo).toThrow(/values\.serviceAccount\.nmae\n {2}problem: HelmRelease "aws-load-balancer-controller".*unknown key/);
    expect(typo).toThrow(/unknown key.*did you mean serviceAccount\.name\?/);
  });

  it("fails a typo'd key against the chart's values.schema.json", () => {
    expect(() => release({ ...eso, name: "external-secrets", overrides: { webhook: { replicaCnt: 2 } } })).toThrow(
      /values\.webhook\.replicaCnt\n {2}problem: HelmRelease "external-secrets".*unknown key.*values\.schema\.json.*webhook\.replicaCount/,
    );
  });

  it("fails a wrong type, against values.yaml and against values.schema.json", () => {
    expect(() => release({ ...alb, overrides: { replicaCount: "two" } })).toThrow(
      /values\.replicaCount\n {2}problem: .*wrong type: the chart's default is a number \(2\), got string "two"/,
    );
    expect(() => release({ ...alb, overrides: { enableServiceMutatorWebhook: "false" } })).toThrow(
      /values\.enableServiceMutatorWebhook\n {2}problem: .*wrong type/,
    );
    expect(() => release({ ...eso, overrides: { replicaCount: "2" } })).toThrow(
      /values\.replicaCount\n {2}problem: .*wrong type: the chart's values.schema.json allows integer/,
    );
  });

  it("accepts any key under free-form maps and declared open paths, any type where the default is null", () => {
    const ok = release({
      ...alb,
      defaults: {
        clusterName: "sparki-dev",
        region: "us-east-1",
        podAnnotations: { "example.com/anything": "yes" },
        resources: { requests: { cpu: "100m" } },
      },
    });
    expect(ok.construct.values.clusterName).toBe("sparki-dev");
    expect(() => release({ ...alb, overrides: { serviceAccount: { annotations: { a: "b" } } } })).not.toThrow();
    const unknownKey = /values\.ingressClassConfig\.custom\n {2}problem: .*unknown key/;
    expect(() => release({ ...alb, overrides: { ingressClassConfig: { custom: 1 } } })).toThrow(unknownKey);
    expect(() => release({ ...alb, overrides: { ingressClassConfig: { custom: 1 } }, openPaths: ["ingressClassConfig"] })).not.toThrow();
  });

  it("reports every problem at once", () => {
    expect(() => release({ ...alb, overrides: { replicaCount: "two", clusterNme: "x" } })).toThrow(
      /values\.replicaCount\n {2}problem: .*wrong type[\s\S]*values\.clusterNme\n {2}problem: .*unknown key/,
    );
  });

  it("refuses a chart version whose values file is not vendored", () => {
    expect(() => release({ ...alb, version: "9.9.9" })).toThrow(
      /no values.schema.json or values.yaml vendored for aws-load-balancer-controller 9\.9\.9/,
    );
  });

  it("every vendored chart folder is registered, and its values.json matches its values.yaml", () => {
    const folders = readdirSync(CHART_FILES_DIR).flatMap((chart) =>
      readdirSync(join(CHART_FILES_DIR, chart)).map((version) => `${chart}@${version}`),
    );
    expect(Object.keys(VENDORED).sort()).toEqual(folders.sort());
    for (const key of folders) {
      const dir = join(CHART_FILES_DIR, ...key.split("@"));
      if (existsSync(join(dir, "values.schema.json"))) continue;
      expect(JSON.parse(readFileSync(join(dir, "values.json"), "utf8")), `${dir}: run scripts/vendor-chart-values.ts`).toEqual(
        parse(readFileSync(join(dir, "values.yaml"), "utf8")) ?? {},
      );
    }
  });

  it("checks a local chart's values against its own values.yaml and ships it as an asset", () => {
    const files = { "Chart.yaml": "apiVersion: v2\nname: local\nversion: 0.1.0\n", "values.yaml": 'store:\n  region: ""\n' };
    const local = { chart: "local", version: "0.1.0", localChart: files };
    const [body] = bodies(release({ ...local, defaults: { store: { region: "eu-west-1" } } }).json, "helm_release");
    expect(body.chart).toMatch(/^assets\/release_chart_[0-9A-F]+\/[0-9a-f]{16}\/local-0\.1\.0\.tgz$/);
    expect(body.repository).toBeUndefined();
    expect(() => release({ ...local, defaults: { store: { regoin: "eu-west-1" } } })).toThrow(
      /values\.store\.regoin\n {2}problem: .*unknown key.*did you mean store\.region/,
    );
  });
});

describe("Helm values", () => {
  it("deep-merges objects, replaces arrays and scalars, ignores undefined, keeps inputs intact", () => {
    const base = { a: { b: 1, c: [1, 2], d: { e: "x" } }, f: "keep" };
    const merged = deepMerge(base, { a: { b: 2, c: [3], d: { g: true } }, f: undefined }, { h: null });
    expect(merged).toEqual({ a: { b: 2, c: [3], d: { e: "x", g: true } }, f: "keep", h: null });
    expect(base).toEqual({ a: { b: 1, c: [1, 2], d: { e: "x" } }, f: "keep" });
  });

  it("renders YAML with sorted keys, whatever the input order", () => {
    const one = renderValues({ z: 1, a: { y: [{ b: 2, a: 1 }], x: "s" } });
    const two = renderValues({ a: { x: "s", y: [{ a: 1, b: 2 }] }, z: 1 });
    expect(one).toBe(two);
    expect(one).toBe('a:\n  x: s\n  "y":\n    - a: 1\n      b: 2\nz: 1\n');
  });

  it("quotes every string Helm's YAML 1.1 parser would read as a boolean, number, date or merge key", () => {
    const ambiguous = [
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "n",
      "1_000",
      "0o17",
      "0x1F",
      "1e3",
      ".5",
      "+1",
      "2026-01-01",
      "~",
      "null",
      "=",
      "<<",
    ];
    const values = { ...Object.fromEntries(ambiguous.map((text, i) => [`k${i}`, text])), y: "key as well", list: ambiguous };
    const rendered = renderValues(values);
    expect(parse(rendered, { version: "1.1" })).toEqual(values);
    expect(parse(rendered)).toEqual(values);
  });

  it("renders the same release twice byte-identically", () => {
    const props = { ...alb, defaults: { region: "us-east-1", clusterName: "c" }, overrides: { replicaCount: 3 } };
    expect(bodies(release(props).json, "helm_release")[0].values).toEqual(bodies(release(props).json, "helm_release")[0].values);
  });
});
