/**
 * Runs the baseline rules over every resource of every stack. An Aspect indexes each stack's
 * resource constructs while cdktf synthesizes; `evaluate` then judges the synthesized JSON
 * (exactly what Terraform will read, overrides included) and finds each resource's construct
 * through its metadata path to honour suppressions.
 */
import { Aspects, TerraformResource, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { countOf, ProblemError, type Problem } from "../problems";
import { BASELINE_RULES } from "./rules";
import { suppressionReason } from "./suppressions";
import type { AppliedSuppression, Finding, PolicyRule, ResourceView, StackView, Tier } from "./types";

interface Collected {
  readonly stack: TerraformStack;
  readonly tier: Tier;
  readonly constructs: Map<string, IConstruct>;
}

/** The parts of a stack's synthesized Terraform JSON the rules read. */
export interface SynthesizedStack {
  resource?: Record<string, Record<string, Record<string, any>>>;
  terraform?: { required_providers?: Record<string, { version?: string }> };
}

export interface PolicyResult {
  readonly findings: readonly Finding[];
  readonly suppressions: readonly AppliedSuppression[];
}

export class PolicyCheck {
  private readonly stacks: Collected[] = [];

  constructor(private readonly rules: readonly PolicyRule[] = BASELINE_RULES) {}

  /** Inspect `stack` under the rules of `tier` when the app synthesizes. */
  attach(stack: TerraformStack, tier: Tier): void {
    const collected: Collected = { stack, tier, constructs: new Map() };
    this.stacks.push(collected);
    Aspects.of(stack).add({
      visit(node: IConstruct) {
        if (node instanceof TerraformResource) collected.constructs.set(node.node.path, node);
      },
    });
  }

  /** Judges every attached stack; `synthesized` returns a stack's JSON by stack name. */
  evaluate(synthesized: (stackName: string) => SynthesizedStack): PolicyResult {
    const findings: Finding[] = [];
    const suppressions: AppliedSuppression[] = [];
    for (const { stack, tier, constructs } of this.stacks) {
      const json = synthesized(stack.node.id);
      const views = viewsOf(stack.node.id, json).map((view) => ({ construct: constructs.get(view.path) ?? stack, view }));
      const stackView: StackView = {
        name: stack.node.id,
        tier,
        resources: views.map((v) => v.view),
        requiredProviders: json.terraform?.required_providers ?? {},
      };

      for (const rule of this.rules) {
        const severity = rule.severity?.(tier) ?? "error";
        if (severity === "off") continue;
        const base = { rule: rule.id, checkov: rule.checkov, requirement: rule.description, severity, stack: stackView.name };
        for (const message of rule.checkStack?.(stackView) ?? []) {
          if (suppressionReason(stack, rule.id)) continue;
          findings.push({ ...base, address: "(stack)", path: stack.node.path, message });
        }
        if (!rule.check) continue;
        for (const { construct, view } of views) {
          if (!rule.types.includes(view.type)) continue;
          const message = rule.check(view, stackView);
          if (!message) continue;
          const reason = suppressionReason(construct, rule.id);
          if (reason) suppressions.push({ rule: rule.id, stack: stackView.name, address: view.address, reason });
          else findings.push({ ...base, address: view.address, path: view.path, message });
        }
      }
    }
    return { findings, suppressions };
  }
}

function viewsOf(stack: string, json: SynthesizedStack): ResourceView[] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, attributes]) => ({
      stack,
      type,
      address: `${type}.${name}`,
      path: (attributes["//"]?.metadata?.path as string | undefined) ?? `${stack}/${name}`,
      attributes,
    })),
  );
}

/** Thrown when a resource breaks an error-severity rule; lists every finding. */
export class PolicyError extends ProblemError {
  constructor(readonly findings: readonly Finding[]) {
    super(`Policy check failed: ${countOf(findings.length, "violation")}. Nothing was synthesized.`, findings.map(findingProblem));
    this.name = "PolicyError";
  }
}

/** A finding as a problem: the stack is where it is, the resource address the path, the rule what is allowed. */
export function findingProblem(f: Finding): Problem {
  const checkov = f.checkov ? ` (${[f.checkov].flat().join(", ")})` : "";
  return {
    file: f.stack,
    path: f.address,
    message: f.message,
    allowed: `${f.rule}${checkov}: ${f.requirement}`,
    fix: `change the resource, or suppressPolicy(construct, "${f.rule}", "<why it does not apply>") next to it`,
  };
}
