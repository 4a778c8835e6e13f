import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { typedChartFiles, valueRef } from "../src/constructs/helm/typed-chart";
import { renderChart } from "./helpers/chart";

const arn = { description: "a target group ARN", pattern: "^arn:[a-z0-9:/-]+$" };
const config = (data: Record<string, string>) => new ConfigMap({ metadata: { name: "settings", namespace: "apps" }, data });

describe("typedChartFiles", () => {
  it("writes Chart.yaml, a values file and schema for the apply-time values, and one template per object", () => {
    const files = typedChartFiles({
      name: "demo",
      version: "1.0.0",
      description: "demo",
      objects: [config({ TARGET: valueRef("targetGroupArn") })],
      values: { targetGroupArn: arn },
    });
    expect(Object.keys(files).sort()).toEqual(["Chart.yaml", "templates/configmap-settings.yaml", "values.schema.json", "values.yaml"]);
    expect(parse(files["Chart.yaml"])).toEqual({
      apiVersion: "v2",
      name: "demo",
      description: "demo",
      type: "application",
      version: "1.0.0",
    });
    const schema = JSON.parse(files["values.schema.json"]);
    expect(schema).toMatchObject({
      additionalProperties: false,
      required: ["targetGroupArn"],
      properties: { targetGroupArn: { type: "string", pattern: arn.pattern } },
    });
    expect(files["templates/configmap-settings.yaml"]).toContain('TARGET: "{{ .Values.targetGroupArn }}"');
    const [rendered] = renderChart(files, { targetGroupArn: "arn:aws:elasticloadbalancing:x" });
    expect(rendered.data).toEqual({ TARGET: "arn:aws:elasticloadbalancing:x" });
  });

  it("quotes strings Kubernetes' YAML 1.1 reader would take for booleans or numbers, and references mid-string", () => {
    const data = { MODE: "on", ENABLED: "yes", SIZE: "1_000", y: "n", URL: `https://${valueRef("host")}/path` };
    const files = typedChartFiles({
      name: "demo",
      version: "1.0.0",
      description: "demo",
      objects: [config(data)],
      values: { host: { description: "a host name", pattern: "^[a-z.]+$" } },
    });
    const template = files["templates/configmap-settings.yaml"];
    expect(template).toContain('URL: "https://{{ .Values.host }}/path"');
    const [rendered] = renderChart(files, { host: "example.com" });
    expect(rendered.data).toEqual({ ...data, URL: "https://example.com/path" });
    expect(parse(template.replace(valueRef("host"), "example.com"), { version: "1.1" }).data).toEqual(rendered.data);
  });

  it("is deterministic", () => {
    const props = () => ({ name: "demo", version: "1.0.0", description: "demo", objects: [config({ B: "2", A: "1" })] });
    expect(typedChartFiles(props())).toEqual(typedChartFiles(props()));
  });

  it("refuses an object that fails its schema, naming it", () => {
    const broken = new Service({ metadata: { name: "web" }, spec: { ports: [{ port: "not-a-number" as unknown as number }] } });
    expect(() => typedChartFiles({ name: "demo", version: "1.0.0", description: "demo", objects: [broken] })).toThrow(
      /Service "web" does not match its schema/,
    );
  });

  it("refuses undeclared references, stray template delimiters and Terraform tokens", () => {
    const chart = (value: string) => () =>
      typedChartFiles({
        name: "demo",
        version: "1.0.0",
        description: "demo",
        objects: [config({ X: value })],
        values: { targetGroupArn: arn },
      });
    expect(chart(valueRef("other"))).toThrow(/undeclared value "other"/);
    expect(chart("{{ .Release.Name }}")).toThrow(/template delimiter/);
    expect(chart("${TfToken[TOKEN.1]}")).toThrow(/Terraform token/);
  });

  it("refuses a value pattern that would let a quote break out of its string", () => {
    expect(() =>
      typedChartFiles({
        name: "demo",
        version: "1.0.0",
        description: "demo",
        objects: [],
        values: { loose: { description: "x", pattern: ".*" } },
      }),
    ).toThrow(/must not accept/);
  });

  it("refuses two objects that would share a template file", () => {
    expect(() => typedChartFiles({ name: "demo", version: "1.0.0", description: "demo", objects: [config({}), config({})] })).toThrow(
      /second object/,
    );
  });
});
