/** `addons.<name>.values`: per-environment Helm overrides, checked against the chart while the file loads, merged over the defaults. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { ConfigError } from "../../src/config/errors";
import type { Problem } from "../../src/problems";
import { loadEnvironments } from "../../src/config/load";
import { addonValuesProblems } from "../../src/constructs/helm/addon-values";
import { ClusterStack } from "../../stacks/cluster-stack";
import { CoreStack } from "../../stacks/core-stack";
import { PlatformStack } from "../../stacks/platform-stack";
import { bodies, synthJson, testApp } from "../helpers/synth";

/** environments/dev.yaml with `addons` set, loaded from a fresh directory. */
function loadDevWith(addons: unknown) {
  const dir = mkdtempSync(join(tmpdir(), "sparki-addons-"));
  const doc = parseDocument(readFileSync("environments/dev.yaml", "utf8"));
  doc.set("addons", addons);
  writeFileSync(join(dir, "dev.yaml"), doc.toString());
  return Object.assign(() => loadEnvironments(dir)[0]!, { text: doc.toString() });
}

function problemsOf(load: () => unknown): Problem[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error("expected the configuration to be rejected");
}

describe("add-on value overrides", () => {
  it("accepts keys the chart's values.yaml or values.schema.json has", () => {
    expect(addonValuesProblems("metricsServer", { priorityClassName: "high", resources: { limits: { memory: "300Mi" } } })).toEqual([]);
    expect(addonValuesProblems("externalSecrets", { concurrent: 2 })).toEqual([]);
  });

  it("reports a misspelt key with a suggestion, and a wrong type, naming the chart", () => {
    const [typo] = addonValuesProblems("metricsServer", { priorityClasName: "high" });
    expect(typo!.path).toEqual(["priorityClasName"]);
    expect(typo!.message).toMatch(/unknown key.*did you mean priorityClassName\?/);
    expect(typo!.allowed).toMatch(/^keys and types of metrics-server 3\.13\.1's values\.yaml/);
    const [type] = addonValuesProblems("metricsServer", { replicas: "two" });
    expect(type!.message).toMatch(/wrong type/);
  });

  it("refuses keys the platform owns: service accounts and images at any depth, cluster wiring, Alertmanager routing", () => {
    const paths = (name: Parameters<typeof addonValuesProblems>[0], values: Record<string, unknown>) =>
      addonValuesProblems(name, values).map((p) => [p.path.join("."), p.message.split(":")[0]]);
    expect(paths("kubePrometheusStack", { grafana: { serviceAccount: { name: "x" } }, alertmanager: { config: {} } })).toEqual([
      ["grafana.serviceAccount", "grafana.serviceAccount is set by the platform and cannot be overridden"],
      ["alertmanager.config", "alertmanager.config is set by the platform and cannot be overridden"],
    ]);
    expect(paths("metricsServer", { image: { tag: "latest" } })[0]![0]).toBe("image");
    expect(paths("awsLoadBalancerController", { vpcId: "vpc-1", replicaCount: 3 })).toEqual([
      ["vpcId", "vpcId is set by the platform and cannot be overridden"],
    ]);
    expect(paths("karpenter", { settings: { clusterName: "other", batchMaxDuration: "20s" } })[0]![0]).toBe("settings.clusterName");
  });

  it("refuses keys that carry a secret, so no value of one reaches the file or the state", () => {
    const [problem] = addonValuesProblems("kubePrometheusStack", { grafana: { adminPassword: "hunter2" } });
    expect(problem!.path).toEqual(["grafana", "adminPassword"]);
    expect(problem!.message).toMatch(/looks like a secret/);
    expect(problem!.fix).toMatch(/External Secrets/);
  });

  it("reports a bad override as a configuration problem at its file and line, before anything is built", () => {
    const load = loadDevWith({ metricsServer: { values: { replicsa: 2 } }, karpenter: { values: { image: {} } } });
    const problems = problemsOf(load);
    const typo = problems.find((p) => p.path === "addons.metricsServer.values.replicsa")!;
    expect(typo.file).toMatch(/dev\.yaml$/);
    expect(typo.line).toBe(load.text.split("\n").findIndex((line) => line.includes("replicsa:")) + 1);
    expect(typo.message).toMatch(/did you mean replicas\?/);
    expect(problems.map((p) => p.path)).toContain("addons.karpenter.values.image");
    const secret = problemsOf(loadDevWith({ kubePrometheusStack: { values: { grafana: { adminPassword: "hunter2" } } } }))[0]!;
    expect(JSON.stringify(secret)).not.toContain("hunter2");
    expect(problemsOf(loadDevWith({ metricServer: { values: {} } }))[0]!.fix).toMatch(/did you mean 'metricsServer'/);
  });

  it("deep-merges an override over the platform's defaults in the synthesized release", () => {
    const env = loadDevWith({ metricsServer: { values: { priorityClassName: "high", resources: { limits: { memory: "300Mi" } } } } })();
    const app = testApp();
    const core = new CoreStack(app, env);
    const stack = new PlatformStack(app, env, { core, cluster: new ClusterStack(app, env, core) });
    for (const child of app.node.children) if (TerraformStack.isStack(child)) child.prepareStack();
    const release = bodies(synthJson(stack), "helm_release").find((r) => r.name === "metrics-server")!;
    const values = parse((release.values as string[])[0]!);
    expect(values.priorityClassName).toBe("high");
    // The construct's requests stay; the override adds a limit beside them.
    expect(values.resources).toEqual({ requests: expect.any(Object), limits: { memory: "300Mi" } });
    expect(values.replicas).toBe(1);
  });
});
