import { LbListenerRule, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Construct } from "constructs";
import { COLOURS, PREVIEW_COLOUR_HEADER, WORKLOADS, type Colour, type WorkloadName } from "../workloads/catalog";
import { ENGINE_RULE_PRIORITY, PREVIEW_RULE_PRIORITY } from "./defaults";

export interface PreviewRoutesProps {
  readonly listenerArn: string;
  /** Target group ARNs of each workload's colours. */
  readonly targetGroupArns: Readonly<Record<WorkloadName, Readonly<Record<Colour, string>>>>;
  /** The engine's own hostname, as given to EngineRoute. @default the engine is routed by path */
  readonly engineHost?: string;
}

/**
 * Listener rules that send a request carrying `X-Sparki-Colour: blue|green` to that colour's
 * target group, whatever the release weights say: a colour can be smoke-tested before it takes
 * traffic. The engine's preview matches the same paths (or host) as its weighted rule; web's
 * matches the header alone and is evaluated after the engine's. Who may send the header is
 * the WAF's business (`previewSourceCidrs`): a source-ip condition here would see CloudFront's
 * addresses behind a CDN, and a rule holds at most five condition values.
 */
export class PreviewRoutes extends Construct {
  constructor(scope: Construct, id: string, props: PreviewRoutesProps) {
    super(scope, id);
    const engineCondition: LbListenerRuleCondition = props.engineHost
      ? { hostHeader: { values: [props.engineHost] } }
      : { pathPattern: { values: [...WORKLOADS.engine.pathPatterns] } };
    const routes: [WorkloadName, LbListenerRuleCondition[]][] = [
      ["engine", [engineCondition]],
      ["web", []],
    ];
    for (const [workload, conditions] of routes) {
      COLOURS.forEach((colour, i) => {
        const priority = PREVIEW_RULE_PRIORITY[workload] + i;
        if (priority >= ENGINE_RULE_PRIORITY)
          throw new Error(`Preview rule priority ${priority} must stay below the weighted rules (${ENGINE_RULE_PRIORITY}).`);
        new LbListenerRule(this, `${workload}-${colour}`, {
          listenerArn: props.listenerArn,
          priority,
          condition: [{ httpHeader: { httpHeaderName: PREVIEW_COLOUR_HEADER, values: [colour] } }, ...conditions],
          action: [{ type: "forward", targetGroupArn: props.targetGroupArns[workload][colour] }],
          tags: { Name: `preview-${workload}-${colour}` },
        });
      });
    }
  }
}
