/**
 * Validates synthesized stacks with the real Terraform binary against the AWS provider's own
 * schema, offline through a filesystem provider mirror named by SPARKI_TF_PLUGIN_DIR.
 * All AWS-only stacks are validated in one run, as child modules of a scratch root module,
 * so the provider schema is loaded once instead of once per stack.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PLUGIN_DIR_VARIABLE = "SPARKI_TF_PLUGIN_DIR";
/** Providers this layer can validate: only the AWS provider is mirrored for offline use. */
const MIRRORED_PROVIDERS = new Set(["aws"]);
/** Expected when stacks are loaded as child modules; not a finding about a stack. */
const IGNORED_WARNINGS = new Set(["Backend configuration ignored"]);

export type Availability = { available: true; pluginDir: string } | { available: false; reason: string };

export function validationAvailability(env: NodeJS.ProcessEnv = process.env): Availability {
  const pluginDir = env[PLUGIN_DIR_VARIABLE];
  if (!pluginDir)
    return {
      available: false,
      reason: `${PLUGIN_DIR_VARIABLE} is not set (point it at a Terraform provider mirror holding hashicorp/aws 5.100.0)`,
    };
  if (!existsSync(join(pluginDir, "registry.terraform.io", "hashicorp", "aws"))) {
    return { available: false, reason: `${PLUGIN_DIR_VARIABLE}=${pluginDir} holds no registry.terraform.io/hashicorp/aws provider` };
  }
  const version = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) return { available: false, reason: "no terraform binary on PATH" };
  return { available: true, pluginDir };
}

export interface Diagnostic {
  readonly stack: string;
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
}

export interface ValidationResult {
  readonly validated: readonly string[];
  /** Stacks that need providers the mirror lacks, with those providers. */
  readonly skipped: readonly { stack: string; providers: string[] }[];
  readonly diagnostics: readonly Diagnostic[];
  readonly valid: boolean;
}

/** Terraform run with no user CLI configuration and no network checks. */
export function offlineTerraformEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
}

/** A synthesized stack's Terraform JSON, as far as composing a root module needs it. */
export interface StackJson {
  terraform?: { required_providers?: Record<string, Record<string, unknown>>; backend?: unknown; [key: string]: unknown };
  provider?: Record<string, Record<string, unknown>[]>;
  [key: string]: unknown;
}

/** How one stack becomes a child module: its JSON and extra arguments of its `module` block. */
export type StackModule = (stack: string, config: StackJson) => { config: StackJson; module?: Record<string, unknown> };

/**
 * Writes every AWS-only stack under `stacksDir` (accepted by `include`) as a child module
 * `./<stack>` of the scratch root `root`. `asModule` may rewrite a stack first (the test layer
 * moves provider configurations to the root, where mock providers can replace them).
 */
export function composeStacks(
  stacksDir: string,
  root: string,
  asModule: StackModule = (_stack, config) => ({ config }),
  include: (stack: string) => boolean = () => true,
): { composed: string[]; skipped: { stack: string; providers: string[] }[] } {
  const composed: string[] = [];
  const skipped: { stack: string; providers: string[] }[] = [];
  for (const stack of readdirSync(stacksDir).sort()) {
    if (!include(stack)) continue;
    const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as StackJson;
    const unmirrored = Object.keys(json.terraform?.required_providers ?? {}).filter((p) => !MIRRORED_PROVIDERS.has(p));
    if (unmirrored.length > 0) {
      skipped.push({ stack, providers: unmirrored });
      continue;
    }
    const { config, module } = asModule(stack, json);
    mkdirSync(join(root, stack));
    writeFileSync(join(root, stack, "main.tf.json"), JSON.stringify(config));
    writeFileSync(join(root, `${stack}.tf.json`), JSON.stringify({ module: { [stack]: { source: `./${stack}`, ...module } } }));
    composed.push(stack);
  }
  return { composed, skipped };
}

/** Validates every AWS-only stack under `<outdir>/stacks`. */
export function validateStacks(outdir: string, pluginDir: string): ValidationResult {
  const stacksDir = join(outdir, "stacks");
  const root = mkdtempSync(join(tmpdir(), "sparki-validate-"));
  try {
    const { composed: validated, skipped } = composeStacks(stacksDir, root);
    if (validated.length === 0) return { validated, skipped, diagnostics: [], valid: true };
    const env = offlineTerraformEnv();
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color", `-plugin-dir=${pluginDir}`], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    if (init.status !== 0) {
      return {
        validated,
        skipped,
        valid: false,
        diagnostics: [{ stack: "(all)", severity: "error", summary: "terraform init failed", detail: init.stderr || init.stdout }],
      };
    }
    const run = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd: root, env, encoding: "utf8" });
    const report = JSON.parse(run.stdout) as {
      valid: boolean;
      diagnostics: { severity: string; summary: string; detail?: string; range?: { filename: string } }[];
    };
    const diagnostics = report.diagnostics
      .filter((d) => !IGNORED_WARNINGS.has(d.summary))
      .map((d) => ({
        stack: d.range?.filename.split("/")[0] ?? "(all)",
        severity: d.severity,
        summary: d.summary,
        detail: d.detail ?? "",
      }));
    return { validated, skipped, diagnostics, valid: report.valid && !diagnostics.some((d) => d.severity === "error") };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
