/**
 * Builds a local Helm chart (Chart.yaml, values.yaml, values.schema.json, templates/*.yaml) from
 * typed Kubernetes objects (`kubernetes-models` and `@kubernetes-models/*`), for HelmRelease's
 * `localChart`. Everything known at synthesis is baked into the templates; the few values known
 * only at apply time (a target group ARN, an ECR repository URL) enter through declared
 * `{{ .Values.<name> }}` references placed in string fields. The output is deterministic: the
 * chart is content-hashed into its asset path, so the same objects give the same chart.
 */
import { Token } from "cdktf";
import { DEFAULT_SCALAR_STYLE_RULES, dump, SCALAR_STYLE, type ScalarLayout } from "js-yaml";

/** What a typed object exposes: its type meta, its JSON form and its schema check. */
export interface ChartObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string };
  validate(): void;
  toJSON(): unknown;
}

/** A value known only at apply time, passed as a Helm value. */
export interface ApplyTimeValue {
  /** What it is, written into values.yaml and values.schema.json. */
  readonly description: string;
  /**
   * What Helm accepts (values.schema.json `pattern`, checked on install and upgrade). Must not
   * allow `"` or `\`: references sit inside double-quoted YAML strings.
   */
  readonly pattern: string;
}

export interface TypedChartProps {
  /** Chart name (Chart.yaml `name`). */
  readonly name: string;
  /** Chart version (Chart.yaml `version`). */
  readonly version: string;
  readonly description: string;
  /** The objects, one template file each; hooks carry their `helm.sh/hook` annotations. */
  readonly objects: readonly ChartObject[];
  /** Apply-time values by name; only these may be referenced. @default none */
  readonly values?: Readonly<Record<string, ApplyTimeValue>>;
}

/** A value reference to place in a string field: `{{ .Values.<name> }}`. */
export function valueRef(name: string): string {
  return `{{ .Values.${name} }}`;
}

const REFERENCE = /\{\{ \.Values\.([A-Za-z][A-Za-z0-9]*) \}\}/g;
const HAS_REFERENCE = new RegExp(REFERENCE.source);
const TEMPLATE_DELIMITER = /\{\{|\}\}/;
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const UNSAFE_IN_QUOTES = /["\\]/;

/** A local chart's Chart.yaml, its keys in the order `helm create` writes them. */
export function chartYaml(chart: { readonly name: string; readonly description: string; readonly version: string }): string {
  const metadata = { apiVersion: "v2", name: chart.name, description: chart.description, type: "application", version: chart.version };
  return dump(metadata, { lineWidth: -1, quoteStyle: "double" });
}

/** File name of an object's template: `templates/<kind>-<name>.yaml`, lower case. */
export function templateFileName(object: ChartObject): string {
  return `templates/${object.kind.toLowerCase()}-${object.metadata?.name ?? "unnamed"}.yaml`;
}

/**
 * The chart's files. Throws, naming the object, if an object fails its schema, carries an
 * unresolved Terraform token (use an apply-time value instead), uses an undeclared reference
 * or any other template delimiter, or if two objects would share a template file.
 */
export function typedChartFiles(props: TypedChartProps): Record<string, string> {
  const values = props.values ?? {};
  for (const [name, value] of Object.entries(values)) {
    if (!NAME.test(name))
      throw new Error(`chart ${props.name}: apply-time value name "${name}" must be alphanumeric (it is a Helm values key)`);
    if (new RegExp(value.pattern).test('"') || new RegExp(value.pattern).test("\\")) {
      throw new Error(
        `chart ${props.name}: the pattern of apply-time value "${name}" must not accept " or \\ (references sit in double-quoted strings)`,
      );
    }
  }
  const files: Record<string, string> = {
    "Chart.yaml": chartYaml(props),
    "values.yaml": valuesYaml(values),
    "values.schema.json": `${JSON.stringify(valuesSchema(values), null, 2)}\n`,
  };
  for (const object of props.objects) {
    const where = `chart ${props.name}: ${object.kind} "${object.metadata?.name ?? "?"}"`;
    try {
      object.validate();
    } catch (error) {
      throw new Error(`${where} does not match its schema: ${(error as Error).message}`);
    }
    const path = templateFileName(object);
    if (path in files) throw new Error(`${where}: a second object would be written to ${path}`);
    files[path] = renderObject(object.toJSON(), values, where);
  }
  return files;
}

/**
 * YAML of one object, in its own key order, quoted where Helm's YAML 1.1 parser needs it (see
 * renderYaml); strings holding references are double-quoted so Helm fills them in place.
 */
function renderObject(json: unknown, values: Readonly<Record<string, ApplyTimeValue>>, where: string): string {
  checkStrings(json, values, where);
  return dump(json, { lineWidth: -1, noRefs: true, quoteStyle: "double", scalarStyleRules: REFERENCES_DOUBLE_QUOTED });
}

const REFERENCES_DOUBLE_QUOTED = [
  (layout: ScalarLayout) => {
    if (!layout.isKey && HAS_REFERENCE.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
  },
  ...Object.values(DEFAULT_SCALAR_STYLE_RULES),
];

/** Every key and string of `json`: no Terraform token, only declared references, and no quote or backslash beside one. */
function checkStrings(json: unknown, values: Readonly<Record<string, ApplyTimeValue>>, where: string): void {
  if (Array.isArray(json)) {
    for (const item of json) checkStrings(item, values, where);
  } else if (json !== null && typeof json === "object") {
    for (const [key, value] of Object.entries(json)) {
      checkString(key, values, where);
      checkStrings(value, values, where);
    }
  } else if (typeof json === "string") {
    checkString(json, values, where);
  }
}

function checkString(text: string, values: Readonly<Record<string, ApplyTimeValue>>, where: string): void {
  if (Token.isUnresolved(text))
    throw new Error(`${where}: a Terraform token in "${text}"; pass values known only at apply time through an apply-time value`);
  const withoutReferences = text.replace(REFERENCE, (_match, name: string) => {
    if (!(name in values))
      throw new Error(`${where}: reference to undeclared value "${name}" (declared: ${Object.keys(values).join(", ") || "none"})`);
    return "";
  });
  if (TEMPLATE_DELIMITER.test(withoutReferences))
    throw new Error(`${where}: "${text}" contains a Helm template delimiter that is not a declared reference`);
  if (withoutReferences !== text && UNSAFE_IN_QUOTES.test(text)) throw new Error(`${where}: "${text}" mixes a reference with " or \\`);
}

function valuesYaml(values: Readonly<Record<string, ApplyTimeValue>>): string {
  const names = Object.keys(values).sort();
  if (names.length === 0) return "# This chart takes no values: everything is fixed at synthesis.\n{}\n";
  const lines = ["# Values known only at apply time; every other setting is fixed in the templates."];
  for (const name of names) lines.push(`# -- ${values[name].description}`, `${name}: ""`);
  return `${lines.join("\n")}\n`;
}

function valuesSchema(values: Readonly<Record<string, ApplyTimeValue>>): Record<string, unknown> {
  const names = Object.keys(values).sort();
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    additionalProperties: false,
    required: names,
    properties: {
      // Helm adds `global` when a chart is used as a dependency; allowed so the schema stays closed otherwise.
      global: { type: "object" },
      ...Object.fromEntries(
        names.map((name) => [name, { type: "string", description: values[name].description, pattern: values[name].pattern }]),
      ),
    },
  };
}
