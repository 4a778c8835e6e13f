/**
 * The parts of `terraform show -json <planfile>` the gate reads, validated on the way in.
 * Other fields (planned_values, configuration, …) are ignored, so plans from any Terraform 1.x
 * release are accepted as long as their format's major version is known.
 */
import * as z from "zod";
import { valueAt } from "../config/yaml-paths";
import { formatPath, type Problem } from "../problems";
import { GateInputError } from "./errors";

/**
 * Plan JSON format majors the gate understands. Terraform 0.12–0.15 write 0.x, Terraform 1.x
 * writes 1.x ("1.0" … "1.2" so far); minor versions only add fields, so any minor is accepted.
 * A new major may change meanings, so it is rejected until the gate is checked against it.
 */
export const SUPPORTED_FORMAT_MAJORS: readonly number[] = [0, 1];

/** One step of an attribute path in `replace_paths`: an attribute name or a list/map key. */
export type PathStep = string | number;

export interface Change {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Mirrors `after`; `true` where the value is known only after apply. */
  readonly after_unknown?: unknown;
  /** Attribute paths that force the replacement. */
  readonly replace_paths?: readonly (readonly PathStep[])[];
  /** Present when the resource is imported by this plan (Terraform 1.5+ import blocks). */
  readonly importing?: { readonly id?: string };
}

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly previous_address?: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly action_reason?: string;
  readonly change: Change;
}

export interface DeferredChange {
  readonly reason: string;
  readonly resource_change: ResourceChange;
}

export interface Plan {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes: readonly ResourceChange[];
  readonly resource_drift: readonly ResourceChange[];
  readonly deferred_changes: readonly DeferredChange[];
  /** Root module outputs that change, by name. */
  readonly output_changes: Readonly<Record<string, { readonly actions: readonly string[] }>>;
  /** False both for a plan with nothing to do and for an errored plan. @default true */
  readonly applyable: boolean;
  /** False when some changes were deferred or planning stopped early. @default true */
  readonly complete: boolean;
  /** Planning failed partway; the changes listed are only part of the picture. @default false */
  readonly errored: boolean;
}

const changeSchema = z.looseObject({
  actions: z.array(z.string()).min(1),
  before: z.unknown(),
  after: z.unknown(),
  after_unknown: z.unknown(),
  replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  importing: z.looseObject({ id: z.string().optional() }).optional(),
});

const resourceChangeSchema = z.looseObject({
  address: z.string().min(1),
  module_address: z.string().optional(),
  previous_address: z.string().optional(),
  mode: z.string(),
  type: z.string(),
  name: z.string(),
  action_reason: z.string().optional(),
  change: changeSchema,
});

const planSchema = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).default([]),
  resource_drift: z.array(resourceChangeSchema).default([]),
  deferred_changes: z.array(z.looseObject({ reason: z.string(), resource_change: resourceChangeSchema })).default([]),
  output_changes: z.record(z.string(), z.looseObject({ actions: z.array(z.string()).min(1) })).default({}),
  applyable: z.boolean().default(true),
  complete: z.boolean().default(true),
  errored: z.boolean().default(false),
});

const HOW_TO_PRODUCE = "terraform plan -out=plan.bin && terraform show -json plan.bin > plan.json";

/** Parses plan JSON text; `file` names it in error messages. */
export function parsePlan(text: string, file: string): Plan {
  // A saved plan file is a zip archive; a common mistake is to pass it instead of its JSON.
  if (text.startsWith("PK")) {
    throw new GateInputError([
      {
        file,
        path: "",
        value: "(binary plan file)",
        message: "this is a saved plan file, not its JSON",
        allowed: "the output of terraform show -json <planfile>",
        fix: HOW_TO_PRODUCE,
      },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GateInputError([
      {
        file,
        path: "",
        value: text.slice(0, 40),
        message: `not JSON: ${(error as Error).message}`,
        allowed: "the output of terraform show -json <planfile>",
        fix: HOW_TO_PRODUCE,
      },
    ]);
  }
  return validatePlan(data, file);
}

export function validatePlan(data: unknown, file: string): Plan {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new GateInputError([
      {
        file,
        path: "",
        value: data,
        message: "expected a JSON object",
        allowed: "the output of terraform show -json <planfile>",
        fix: HOW_TO_PRODUCE,
      },
    ]);
  }
  const record = data as Record<string, unknown>;
  const formatProblem = checkFormatVersion(record, file);
  if (formatProblem) throw new GateInputError([formatProblem]);
  const missing = checkCompleteness(record, file);
  if (missing.length > 0) throw new GateInputError(missing);
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.slice(0, 10).map((issue) => ({
      file,
      path: formatPath(issue.path),
      value: valueAt(data, issue.path),
      message: issue.message,
      allowed: "plan JSON as written by terraform show -json",
      fix: `regenerate the file with ${HOW_TO_PRODUCE}`,
    }));
    throw new GateInputError(problems);
  }
  return parsed.data as Plan;
}

/**
 * Fields every plan Terraform writes carries, whatever it changes: a file without them was cut
 * short or made by hand. From format 1.2 (Terraform 1.8+) the plan also says whether it is
 * applyable, complete and errored; a gate must not guess those.
 */
const ALWAYS_WRITTEN = ["terraform_version", "planned_values", "configuration"] as const;
const WRITTEN_FROM_1_2 = ["applyable", "complete", "errored"] as const;

function checkCompleteness(record: Record<string, unknown>, file: string): Problem[] {
  const [major, minor] = String(record.format_version).split(".").map(Number);
  const required: string[] = [...ALWAYS_WRITTEN, ...(major! > 1 || (major === 1 && minor! >= 2) ? WRITTEN_FROM_1_2 : [])];
  const problems: Problem[] = required
    .filter((field) => !(field in record))
    .map((field) => ({
      file,
      path: field,
      value: undefined,
      message: "missing: the plan JSON is incomplete or was not written by terraform show -json",
      allowed: `plan JSON with ${required.join(", ")}`,
      fix: HOW_TO_PRODUCE,
    }));
  // Terraform marks a plan incomplete when it had to defer changes or stopped early: the change
  // list is not the whole picture, so nobody can judge it.
  if (record.complete === false && record.errored !== true) {
    problems.push({
      file,
      path: "complete",
      value: false,
      message: "the plan is incomplete: some changes were deferred or not planned",
      allowed: "a complete plan",
      fix: "plan again until Terraform reports a complete plan (apply prerequisites first, without -target)",
    });
  }
  return problems;
}

function checkFormatVersion(record: Record<string, unknown>, file: string): Problem | undefined {
  const version = record.format_version;
  const supported = SUPPORTED_FORMAT_MAJORS.map((m) => `${m}.x`).join(" or ");
  if (typeof version !== "string") {
    return {
      file,
      path: "format_version",
      value: version,
      message: "no plan format version: this is not plan JSON",
      allowed: `format_version ${supported}`,
      fix: HOW_TO_PRODUCE,
    };
  }
  if ("values" in record && !("resource_changes" in record) && !("planned_values" in record)) {
    return {
      file,
      path: "",
      value: version,
      message: "this is state JSON (terraform show -json without a plan file)",
      allowed: "plan JSON",
      fix: HOW_TO_PRODUCE,
    };
  }
  const major = /^(\d+)\.\d+$/.exec(version)?.[1];
  if (major === undefined || !SUPPORTED_FORMAT_MAJORS.includes(Number(major))) {
    return {
      file,
      path: "format_version",
      value: version,
      message: "plan format version this gate does not know; its meaning may have changed",
      allowed: supported,
      fix:
        "check the new format against Terraform's JSON output documentation, then add its major to SUPPORTED_FORMAT_MAJORS in " +
        "src/gate/plan.ts",
    };
  }
  return undefined;
}
