import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import type { RuleContext } from "./alert-spec";
import { platformRuleGroups } from "./platform-alerts";
import { sloRuleGroups } from "./slo-rules";

/** Every rule group of the platform: SLO recordings and burn alerts, then the platform alerts. */
export function ruleGroups(context: RuleContext): IRuleGroup[] {
  return [...sloRuleGroups(context), ...platformRuleGroups(context)];
}

/** The groups as PrometheusRule objects (one per group), validated against the operator's schema. */
export function prometheusRules(namespace: string, context: RuleContext, labels: Record<string, string>): PrometheusRule[] {
  return ruleGroups(context).map((group) => {
    const rule = new PrometheusRule({ metadata: { name: group.name, namespace, labels }, spec: { groups: [group] } });
    rule.validate();
    return rule;
  });
}
