/**
 * One snapshot per stack per environment. They show a reviewer the full effect of a change;
 * the behaviour tests say what must hold. Update with `npx vitest run -u` only after reading the diff.
 */
import { Testing, type TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/config/load";
import { loadReleases } from "../src/release/load";
import { addStacks } from "../stacks/app";
import { testApp } from "./helpers/synth";

const app = testApp();
const environments = loadEnvironments("environments");
addStacks(app, environments, { releases: loadReleases("releases", environments) });
const stacks = app.node.children as TerraformStack[];
// As app.synth() does: turn cross-stack references into remote-state outputs and data sources.
for (const stack of stacks) stack.prepareStack();

describe("snapshots", () => {
  it.each(stacks.map((stack) => [stack.node.id, stack] as const))("%s", (_name, stack) => {
    expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  });
});
