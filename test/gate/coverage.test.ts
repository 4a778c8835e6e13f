import type { TerraformStack } from "cdktf";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../../src/config/load";
import { NOT_STATEFUL, PROTECTIVE_RESOURCE_TYPES } from "../../src/gate/classification";
import { STATEFUL_RESOURCE_TYPES } from "../../src/gate/stateful";
import { addStacks } from "../../stacks/app";
import { testApp } from "../helpers/synth";

describe("gate coverage", () => {
  it("classifies every resource type the stacks synthesize: stateful, protective, or not stateful with a reason", () => {
    const app = testApp();
    addStacks(app, loadEnvironments("environments"));
    const stacks = app.node.children as TerraformStack[];
    for (const s of stacks) s.prepareStack();
    const types = new Set(stacks.flatMap((s) => Object.keys(JSON.parse(Testing.synth(s)).resource ?? {})));
    const unclassified = [...types]
      .filter((t) => !STATEFUL_RESOURCE_TYPES.has(t) && !(t in PROTECTIVE_RESOURCE_TYPES) && !(t in NOT_STATEFUL))
      .sort();
    expect(unclassified, "add each to src/gate/stateful.ts or src/gate/classification.ts").toEqual([]);
    for (const [type, reason] of Object.entries(NOT_STATEFUL)) expect(reason.length, type).toBeGreaterThan(5);
  });
});
