import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/config/load";
import { addStacks } from "../stacks/app";
import { testApp } from "./helpers/synth";

/** Every stack of every environment, prepared either by cdktf's own prepareStack or by the stack's. */
function synthesizedStacks(prepare: (stack: TerraformStack) => void): Record<string, unknown> {
  const app = testApp();
  addStacks(app, loadEnvironments("environments"));
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  stacks.forEach(prepare);
  return Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s))]));
}

describe("stack preparation", () => {
  it("stacks that skip cdktf's cross-stack scan synthesize exactly what the full preparation gives", () => {
    const stock = synthesizedStacks((stack) => TerraformStack.prototype.prepareStack.call(stack));
    const own = synthesizedStacks((stack) => stack.prepareStack());
    expect(Object.keys(own).length).toBeGreaterThan(3);
    expect(own).toEqual(stock);
  });
});
