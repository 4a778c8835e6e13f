import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { EnvironmentStack } from "./environment-stack";

/**
 * Stands in for `<env>-edge` until the edge stack is merged: same id and state key, no resources.
 * The apps stack reads only its named outputs (EDGE_OUTPUTS), so swapping in the real EdgeStack
 * changes nothing else.
 */
export class EdgeOutputsStandIn extends EnvironmentStack {
  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, "edge");
  }
}
