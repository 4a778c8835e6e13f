import type { TerraformStack } from "cdktf";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/config/load";
import { POLICY_EXEMPT_TYPES } from "../src/policy/exempt";
import { BASELINE_RULES } from "../src/policy/rules";
import { addStacks } from "../stacks/app";
import { testApp } from "./helpers/synth";

describe("policy coverage", () => {
  it("every resource type the stacks synthesize is checked by a rule or exempt with a reason", () => {
    const app = testApp();
    addStacks(app, loadEnvironments("environments"));
    const stacks = app.node.children as TerraformStack[];
    for (const s of stacks) s.prepareStack();
    const types = new Set(stacks.flatMap((s) => Object.keys(JSON.parse(Testing.synth(s)).resource ?? {})));
    const checked = new Set(BASELINE_RULES.flatMap((rule) => rule.types));
    const uncovered = [...types].filter((t) => !checked.has(t) && !(t in POLICY_EXEMPT_TYPES)).sort();
    expect(uncovered, "add a rule in src/policy/rules/ or an entry with its reason in src/policy/exempt.ts").toEqual([]);
    // An exemption for a type a rule now checks, or no stack makes any more, is stale.
    const stale = Object.keys(POLICY_EXEMPT_TYPES).filter((t) => checked.has(t) || !types.has(t));
    expect(stale, "remove these from src/policy/exempt.ts").toEqual([]);
    for (const [type, reason] of Object.entries(POLICY_EXEMPT_TYPES)) expect(reason.length, type).toBeGreaterThan(10);
  });
});
