import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import type { RuleContext } from "./alert-spec";
import { platformRuleGroups } from "./platform-alerts";
import { sloRuleGroups } from "./slo-rules";

/** Every rule group of the platform: SLO recordings and burn alerts, then the platform alerts. */
export function ruleGroups(context: RuleContext): IRuleGroup[] {
  return [...sloRuleGroups(context), ...platformRuleGroups(context)];
}

/**
 * The groups as PrometheusRule objects (one per group), typed by the operator's model. Type-only
 * import: the model classes load a JSON-schema validator and a WebAssembly regex engine that
 * synthesis does not need; the tests validate every object with them.
 */
export function prometheusRules(namespace: string, context: RuleContext, labels: Record<string, string>): IPrometheusRule[] {
  return ruleGroups(context).map((group) => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: group.name, namespace, labels },
    spec: { groups: [group] },
  }));
}
