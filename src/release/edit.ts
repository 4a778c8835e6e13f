/**
 * Writes a workload's new release state into the release file's YAML document, touching only the
 * values that changed, so comments, key order and layout stay as the file's author left them.
 * The result is validated exactly as synthesis validates it before anything is written.
 */
import { isDeepStrictEqual } from "node:util";
import { isScalar, parseDocument, Scalar, type Document } from "yaml";
import type { EnvironmentConfig } from "../config/schema";
import type { Problem } from "../problems";
import { COLOURS, WORKLOAD_NAMES, type WorkloadName } from "../constructs/workloads/catalog";
import { tierProblems } from "./load";
import { releaseFileSchema, type WorkloadRelease } from "./schema";

/** Flow maps (`{ image: …, replicas: auto }`) stay on one line however long a digest is. */
const STRINGIFY = { lineWidth: 0 } as const;

/** The file written for an environment that has none yet. */
export function newReleaseFileText(environment: string): string {
  const lines = [`# Release state of ${environment} (see README.md); edit with \`npm run release -- <verb> ${environment} …\`.`];
  for (const workload of WORKLOAD_NAMES) {
    lines.push(
      `${workload}:`,
      "  blue: { image: null, replicas: auto }",
      "  green: { image: null, replicas: auto }",
      "  traffic: { blue: 100, green: 0 }",
      "  live: blue",
    );
  }
  return `${lines.join("\n")}\n`;
}

export type EditResult = { readonly text: string } | { readonly problems: Problem[] };

export function editReleaseText(
  text: string,
  file: string,
  workload: WorkloadName,
  before: WorkloadRelease,
  after: WorkloadRelease,
  tier: EnvironmentConfig["tier"],
): EditResult {
  const doc = parseDocument(text);
  for (const colour of COLOURS) {
    if (before[colour].image !== after[colour].image) setValue(doc, [workload, colour, "image"], after[colour].image, true);
    if (before[colour].replicas !== after[colour].replicas) setValue(doc, [workload, colour, "replicas"], after[colour].replicas, false);
    if (before.traffic[colour] !== after.traffic[colour]) setValue(doc, [workload, "traffic", colour], after.traffic[colour], false);
    const smoke = after[colour].smoke;
    if (!isDeepStrictEqual(before[colour].smoke, smoke)) {
      if (smoke === undefined) doc.deleteIn([workload, colour, "smoke"]);
      else doc.setIn([workload, colour, "smoke"], smokeNode(doc, smoke));
    }
  }
  if (before.live !== after.live) setValue(doc, [workload, "live"], after.live, false);
  if (before.liveSince !== after.liveSince) setValue(doc, [workload, "liveSince"], after.liveSince ?? null, true);
  const written = doc.toString(STRINGIFY);
  const { problems } = validate(written, file, workload, after, tier);
  return problems ? { problems } : { text: written };
}

/** A smoke record as a one-line flow map, strings quoted like images elsewhere in the file. */
function smokeNode(doc: Document, smoke: NonNullable<WorkloadRelease["blue"]["smoke"]>) {
  const node = doc.createNode({ image: smoke.image, passed: smoke.passed, at: smoke.at }, { flow: true });
  for (const key of ["image", "at"]) {
    const value = node.get(key, true);
    if (isScalar(value)) value.type = Scalar.QUOTE_DOUBLE;
  }
  return node;
}

/** Replaces a scalar in place (keeping its comments) or adds the key at the end of its map. */
function setValue(doc: Document, path: string[], value: string | number | null, quoteStrings: boolean): void {
  const type = quoteStrings && typeof value === "string" ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
  const node = doc.getIn(path, true);
  if (isScalar(node)) {
    node.value = value;
    node.type = type;
    return;
  }
  const scalar = new Scalar(value);
  scalar.type = type;
  doc.setIn(path, scalar);
}

/** The same checks synthesis runs (schema, weights, running colours, tier), plus: the file says what was meant. */
function validate(
  text: string,
  file: string,
  workload: WorkloadName,
  after: WorkloadRelease,
  tier: EnvironmentConfig["tier"],
): { problems?: Problem[] } {
  const parsed = releaseFileSchema.safeParse(parseDocument(text).toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        file,
        path: issue.path.join("."),
        value: (issue as { input?: unknown }).input,
        message: issue.message,
        allowed: "a release state synthesis accepts",
        fix: "this is a release CLI bug: report it with the file",
      })),
    };
  }
  const problems = tierProblems(parsed.data, tier, file);
  if (problems.length > 0) return { problems };
  if (!isDeepStrictEqual(parsed.data[workload], after)) {
    return {
      problems: [
        {
          file,
          path: workload,
          value: parsed.data[workload],
          message: "the edited file does not read back as the intended state",
          allowed: JSON.stringify(after),
          fix: "this is a release CLI bug: report it with the file",
        },
      ],
    };
  }
  return {};
}
