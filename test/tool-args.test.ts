/** The tool scripts' strict flags, through the process: one line naming the problem, the usage, exit 2. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseToolArgs } from "../src/tool-args";

function tool(script: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", `scripts/${script}.ts`, ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("tool script flags", () => {
  it.each([
    ["cost-diff", ["a", "b", "--tpo", "3"], /^Unknown option '--tpo'.*\(did you mean --top\?\)\nusage: npm run cost-diff/],
    ["cost-diff", ["a", "b", "--top"], /^Option '--top <value>' argument missing\nusage: npm run cost-diff/],
    ["cost-diff", ["a"], /^expected 2 arguments, got 1\nusage: npm run cost-diff/],
    ["cost-diff", ["a", "b", "--top", "x"], /^--top needs a whole number ≥ 0, got "x"\nusage: npm run cost-diff/],
    ["bench", ["--chek"], /^Unknown option '--chek'.*\(did you mean --check\?\)\nusage: npm run bench/],
    ["validate", ["--requrie"], /^Unknown option '--requrie'.*\(did you mean --require\?\)\nusage: npm run validate/],
    ["load-thresholds", ["--out", "x.json"], /^Unknown option '--out'.*\nusage: npm run --silent load-thresholds/],
    ["gate", ["plan.json", "--alow", "x"], /Unknown option '--alow'.*\nusage: npm run gate/],
  ])("%s %j exits 2 with the problem and the usage, no stack trace", (script, args, expected) => {
    const run = tool(script, ...(args as string[]));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });
});

describe("parseToolArgs", () => {
  it("returns flags and positionals when the arguments fit", () => {
    expect(parseToolArgs(["a", "--top", "3", "b"], { top: { type: "string" } }, 2)).toEqual({
      values: { top: "3" },
      positionals: ["a", "b"],
    });
  });
  it("names a stray argument where a script takes none", () => {
    expect(parseToolArgs(["extra"], { check: { type: "boolean" } }).problem).toMatch(/Unexpected argument 'extra'/);
  });
});
