import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { estimateOutput, lineItems } from "../../src/cost/estimate";
import type { StackJson } from "../../src/cost/types";

const provider = { aws: [{ region: "us-east-1", default_tags: [{ tags: { Environment: "qa" } }] }] };
const release = (chart: string, values: unknown) => ({ chart, values: [stringify(values)] });
const prometheus = (replicas: number, storage: string) => ({
  prometheus: { prometheusSpec: { replicas, storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage } } } } } } },
});

function lines(resource: StackJson["resource"]) {
  const [env] = estimateOutput([["qa-observability", { provider, resource }]], () => ({ logIngestionGiBPerMonth: 0 })).environments;
  return lineItems(env).filter((l) => l.stack === "qa-observability");
}

describe("cost of the observability stack", () => {
  it("prices Prometheus' gp3 volumes: replicas × size", () => {
    const [line] = lines({ helm_release: { kps: release("kube-prometheus-stack", prometheus(2, "60Gi")) } });
    expect(line.description).toBe("Prometheus volumes: 2 × 60 GiB gp3");
    expect(line.monthlyUsd).toBe(9.6); // 2 × 60 × $0.08
  });

  it("prices the Jaeger release's Badger claim, and nothing for an in-memory Jaeger", () => {
    const claim = { kind: "PersistentVolumeClaim", spec: { resources: { requests: { storage: "20Gi" } } } };
    const [line] = lines({ helm_release: { jaeger: release("jaeger", { extraObjects: [claim] }) } });
    expect(line.description).toBe("Jaeger Badger volume: 20 GiB gp3");
    expect(line.monthlyUsd).toBe(1.6); // 20 × $0.08
    expect(lines({ helm_release: { jaeger: release("jaeger", { userconfig: {} }) } })).toEqual([]);
  });

  it("other releases and a Prometheus without a volume cost nothing fixed, and are not reported as unestimated", () => {
    const [env] = estimateOutput(
      [
        [
          "qa-observability",
          { provider, resource: { helm_release: { other: release("metrics-server", {}), kps: release("kube-prometheus-stack", {}) } } },
        ],
      ],
      () => ({ logIngestionGiBPerMonth: 0 }),
    ).environments;
    expect(lineItems(env).filter((l) => l.stack === "qa-observability")).toEqual([]);
    expect(JSON.stringify(env)).not.toContain("not estimated");
  });
});
