/** Shared types of the policy pack. */

export type Severity = "error" | "warning";
export type Tier = "development" | "production";

/** One synthesized resource as a rule sees it: Terraform type, address and snake_case attributes. */
export interface ResourceView {
  readonly stack: string;
  readonly type: string;
  /** `<type>.<logical id>`, as in plans. */
  readonly address: string;
  /** Construct path, for suppressions and messages. */
  readonly path: string;
  /** Attributes with references resolved to `${type.name.attr}` strings. */
  readonly attributes: Readonly<Record<string, any>>;
}

/** A stack as rules see it: its tier and every resource, for checks that span resources. */
export interface StackView {
  readonly name: string;
  readonly tier: Tier;
  readonly resources: readonly ResourceView[];
  /** `terraform.required_providers` of the stack. */
  readonly requiredProviders: Readonly<Record<string, { version?: string }>>;
}

export interface PolicyRule {
  /** Stable id used in suppressions, e.g. `SPK-ENC-RDS`. */
  readonly id: string;
  /**
   * The checkov checks this rule enforces, where checkov has them, so CI findings and ours line
   * up and checkov's skip list can be derived from the pack (`checkov.ts`). Only checks that
   * demand no more than the rule: checkov's own title is in `CHECKOV_TITLES`.
   */
  readonly checkov?: string | readonly string[];
  readonly description: string;
  /** Resource types inspected; `*` inspects the stack once (see `checkStack`). */
  readonly types: readonly string[];
  /** @default "error" in every tier */
  readonly severity?: (tier: Tier) => Severity | "off";
  /** The violation message, or undefined when the resource complies. */
  readonly check?: (resource: ResourceView, stack: StackView) => string | undefined;
  /** Stack-wide check for rules whose `types` is `*`; returns messages. */
  readonly checkStack?: (stack: StackView) => string[];
}

export interface Finding {
  readonly rule: string;
  readonly checkov?: string | readonly string[];
  /** What the rule requires (its `description`), for the error's "allowed" line. */
  readonly requirement: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  readonly path: string;
  readonly message: string;
}

export interface AppliedSuppression {
  readonly rule: string;
  readonly stack: string;
  readonly address: string;
  readonly reason: string;
}
