/** The tool scripts' strict flags, through the process: one line naming the problem, the usage, exit 2. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseToolArgs, unknownEnvironmentProblem } from "../src/tool-args";

function tool(script: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", `scripts/${script}.ts`, ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("tool script flags", () => {
  it.each([
    ["cost-diff", ["a", "b", "--tpo", "3"], /^Unknown option '--tpo'.*\(did you mean --top\?\)\nusage: npm run cost-diff/],
    ["cost-diff", ["a", "b", "--top", "x"], /^--top needs a whole number ≥ 0, got "x"\nusage: npm run cost-diff/],
    ["bench", ["--chek"], /^Unknown option '--chek'.*\(did you mean --check\?\)\nusage: npm run bench/],
    ["validate", ["--requrie"], /^Unknown option '--requrie'.*\(did you mean --require\?\)\nusage: npm run validate/],
    ["load-thresholds", ["--out", "x.json"], /^Unknown option '--out'.*\nusage: npm run --silent load-thresholds/],
    ["stack-order", ["dev", "--gruop", "vpc"], /^Unknown option '--gruop' \(did you mean --group\?\)\nusage: stack-order\.ts/],
    [
      "dr-drill",
      ["wait-limit", "prd"],
      /^no environment "prd" in environments\/ \(environments: dev, prod, staging\) \(did you mean prod\?\)\nusage:/,
    ],
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
  it("names a flag missing its value and a wrong number of arguments", () => {
    expect(parseToolArgs(["a", "b", "--top"], { top: { type: "string" } }, 2).problem).toBe("Option '--top <value>' argument missing");
    expect(parseToolArgs(["a"], { top: { type: "string" } }, 2).problem).toBe("expected 2 arguments, got 1");
  });
  it("names a stray argument where a script takes none", () => {
    expect(parseToolArgs(["extra"], { check: { type: "boolean" } }).problem).toMatch(/Unexpected argument 'extra'/);
  });
});

describe("positional counts and environment names", () => {
  it("takes a range of positionals and names the range when the count is outside it", () => {
    expect(parseToolArgs(["out"], {}, [0, 1]).positionals).toEqual(["out"]);
    expect(parseToolArgs([], {}, [0, 1]).positionals).toEqual([]);
    expect(parseToolArgs(["a", "b"], {}, [0, 1]).problem).toBe("expected at most 1 argument, got 2");
    expect(parseToolArgs([], {}, [1, 2]).problem).toBe("expected 1 to 2 arguments, got 0");
    expect(parseToolArgs(["a", "b", "c", "d"], {}, [0, Number.POSITIVE_INFINITY]).positionals).toHaveLength(4);
  });

  it("drops node's hint about `--` from an unknown option and keeps the suggestion", () => {
    expect(parseToolArgs(["--reasosn"], { reasons: { type: "boolean" } }).problem).toBe(
      "Unknown option '--reasosn' (did you mean --reasons?)",
    );
  });

  it("reports an environment name with no file, naming the files there", () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-envs-"));
    for (const name of ["dev.yaml", "prod.yaml", "schema.json"]) writeFileSync(join(dir, name), "");
    expect(unknownEnvironmentProblem(["dev", "prod"], dir)).toBeUndefined();
    expect(unknownEnvironmentProblem(["qa"], dir)).toBe(`no environment "qa" in ${dir}/ (environments: dev, prod)`);
    expect(unknownEnvironmentProblem(["dve"], dir)).toMatch(/\(did you mean dev\?\)$/);
  });
});
