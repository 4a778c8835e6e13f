import type { IRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Rule";

/** Severity decides the route: critical pages the on-call, warning opens a ticket. */
export type Severity = "critical" | "warning";

/** Where runbooks live in the repository; each alert has `runbooks/alerts/<alert>.md`. */
export const RUNBOOK_DIR = "runbooks/alerts";
/** Branch the runbook links point at. */
export const RUNBOOK_BRANCH = "main";

/** Link to an alert's runbook in the repository that deploys it (`ci.githubRepository`). */
export function runbookUrl(githubRepository: string, alert: string): string {
  return `https://github.com/${githubRepository}/blob/${RUNBOOK_BRANCH}/${RUNBOOK_DIR}/${alert}.md`;
}

/** An alert as this platform writes it: every field the routing and the on-call need is required. */
export interface AlertSpec {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before firing. @default fires on the first true evaluation */
  readonly for?: string;
  readonly severity: Severity;
  /** One line: what is wrong. */
  readonly summary: string;
  /** What it means for users and where to look first. */
  readonly description: string;
  /** Extra labels (for example `workload`, `slo`) used by routing and inhibition. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Context every alert needs: the repository runbook links point into. */
export interface RuleContext {
  readonly githubRepository: string;
}

/** The Prometheus rule of an alert, with `severity` and the `summary`/`description`/`runbook_url` annotations. */
export function alertRule(spec: AlertSpec, context: RuleContext): IRule {
  return {
    alert: spec.alert,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: { ...(spec.labels ?? {}), severity: spec.severity },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: runbookUrl(context.githubRepository, spec.alert),
    },
  };
}
