import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { EnvironmentStack } from "./environment-stack";

/**
 * Stands for `<env>-edge` until the edge stack (load balancer, target groups per colour, WAF) is
 * part of this branch: same stack name and state key, so `<env>-resilience` reads the edge's
 * named outputs (`EDGE_OUTPUTS`) from the real stack's state. Replaced by `EdgeStack` in
 * `stacks/app.ts`; it declares nothing itself.
 */
export class EdgeStandIn extends EnvironmentStack {
  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, "edge");
  }
}
