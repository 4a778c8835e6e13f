import { LbListenerRule, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Construct } from "constructs";
import { WORKLOADS } from "../workloads/catalog";
import { ENGINE_RULE_PRIORITY } from "./defaults";
import type { WeightedForward } from "./weighted-forward";

export interface EngineRouteProps {
  readonly listenerArn: string;
  /** The engine's weighted forward. */
  readonly forward: WeightedForward;
  /** Route by this hostname instead of by the catalog's engine paths. @default route by path */
  readonly host?: string;
}

/**
 * The HTTPS listener rule that sends engine traffic (REST and WebSocket) to the engine's target
 * groups: by hostname when the engine has its own, otherwise by the catalog's path patterns on
 * the web host. Everything else falls through to web (the listener's default action).
 */
export class EngineRoute extends Construct {
  constructor(scope: Construct, id: string, props: EngineRouteProps) {
    super(scope, id);
    const condition: LbListenerRuleCondition = props.host
      ? { hostHeader: { values: [props.host] } }
      : { pathPattern: { values: [...WORKLOADS.engine.pathPatterns] } };
    new LbListenerRule(this, "rule", {
      listenerArn: props.listenerArn,
      priority: ENGINE_RULE_PRIORITY,
      condition: [condition],
      action: [{ type: "forward", forward: { ...props.forward } }],
    });
  }
}
