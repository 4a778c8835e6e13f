/**
 * The synthesis program as users run it: the esbuild bundle of main.ts, in a child process,
 * against environment directories on disk. Runs that several tests read are made once.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { synthesize } from "../src/synthesize";
import { parseSynthOptions, UsageError } from "../src/synth-options";
import { tree } from "./helpers/tree";

const work = mkdtempSync(join(tmpdir(), "sparki-synth-"));
/** The app command's bundle, built or copied once for the suite (test/setup/synthesis-bundle.ts), and its node flags. */
const bundle = inject("synthesisBundle");
const nodeFlags = inject("synthesisNodeFlags");

/** Runs the bundle in `cwd` with the given arguments; output goes to `<cwd>/<outdir>`. */
function synth(cwd: string, args: string[] = [], outdir = "cdktf.out") {
  const result = spawnSync(process.execPath, [...nodeFlags, bundle, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project directory holding copies of the given environment files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, "project-"));
  mkdirSync(join(dir, "environments"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "environments", name), text);
  return dir;
}

const committed = (name: string) => readFileSync(join("environments", name), "utf8");

type Run = { dir: string; run: ReturnType<typeof synth> };
/** A run made on first use and shared by the tests that only read its output. */
function sharedRun(make: () => Run): () => Run {
  let made: Run | undefined;
  return () => (made ??= make());
}

/** Every committed environment. */
const synthesizedCommitted = sharedRun(() => {
  const dir = project({
    "dev.yaml": committed("dev.yaml"),
    "staging.yaml": committed("staging.yaml"),
    "prod.yaml": committed("prod.yaml"),
  });
  return { dir, run: synth(dir) };
});

/** `--only perf` beside dev: perf is an environment none of the committed ones, defined by its file alone. */
const synthesizedPerfOnly = sharedRun(() => {
  const dir = project({ "dev.yaml": committed("dev.yaml") });
  cpSync("test/fixtures/environments/perf.yaml", join(dir, "environments", "perf.yaml"));
  return { dir, run: synth(dir, ["--only", "perf"]) };
});

describe("synthesis program", () => {
  it("synthesizes every environment and prints stacks with resource counts", () => {
    const { dir, run } = synthesizedCommitted();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const stack of ["dev-core", "staging-core", "prod-core", "bootstrap-111111111111"]) {
      expect(run.stdout).toMatch(new RegExp(`^\\S.*\\s${stack}\\s+\\d+$`, "m"));
      expect(existsSync(join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"))).toBe(true);
    }
  });

  // A second run of the same inputs, by other code: byte-identical output is also what makes
  // synthesis deterministic.
  it("writes exactly what in-process synthesis (unbundled, unpatched cdktf) writes, and no path of this machine", () => {
    const { dir } = synthesizedCommitted();
    synthesize({ environmentsDir: join(dir, "environments"), outdir: join(dir, "in-process") });
    const bundled = tree(join(dir, "cdktf.out"));
    expect(Object.keys(bundled).length).toBeGreaterThan(3);
    expect(bundled).toEqual(tree(join(dir, "in-process")));
    expect(JSON.stringify(bundled)).not.toContain(resolve(dir));
  });

  it("synthesizes an environment that is none of the committed three from its file alone", () => {
    const { dir, run } = synthesizedPerfOnly();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^perf\s+perf-core\s+\d+$/m);
    const core = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "perf-core", "cdk.tf.json"), "utf8"));
    expect(core.provider.aws[0].region).toBe("eu-west-1");
    expect(core.terraform.backend.s3.key).toBe("perf/perf-core.tfstate");
  });

  it("on bad input exits non-zero, prints every problem and leaves the previous output untouched", () => {
    const dir = project({ "dev.yaml": committed("dev.yaml") });
    cpSync(join(synthesizedCommitted().dir, "cdktf.out"), join(dir, "cdktf.out"), { recursive: true });
    const before = tree(join(dir, "cdktf.out"));
    writeFileSync(
      join(dir, "environments", "dev.yaml"),
      committed("dev.yaml").replace("backupRetentionDays: 3", "backupRetentionDays: 90").replace("natGateways:", "natGatways:"),
    );
    const run = synth(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/environments\/dev\.yaml:\d+:\d+\s+database\.backupRetentionDays/);
    expect(run.stderr).toMatch(/network\.natGatways[\s\S]*did you mean 'natGateways'/);
    expect(tree(join(dir, "cdktf.out"))).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("on bad input with no previous output writes nothing at all", () => {
    const dir = project({ "dev.yaml": "tier: [unclosed\n" });
    const run = synth(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/YAML syntax/);
    expect(readdirSync(dir)).toEqual(["environments"]);
  });

  it("refuses a bad command line with exit 2, the problem and the usage, and leaves cdktf.out as it was", () => {
    const dir = project({ "dev.yaml": committed("dev.yaml") });
    mkdirSync(join(dir, "cdktf.out"));
    writeFileSync(join(dir, "cdktf.out", "manifest.json"), "{}");
    const before = tree(join(dir, "cdktf.out"));
    const run = synth(dir, ["--onyl", "dev"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--onyl'.*did you mean --only\?/);
    expect(run.stderr).toMatch(/^usage: main /m);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(tree(join(dir, "cdktf.out"))).toEqual(before);
  });

  // The other usage errors, in-process: the same parser, without a process each.
  it.each([
    [["--onyl", "dev"], /Unknown option '--onyl'.*did you mean --only\?/],
    [["--only"], /argument missing/],
    [["--only", "--quiet"], /'--only' argument is ambiguous/],
    [["--only", "dve"], /selects no environment file for dve .*did you mean dev\?/],
    [["--only", "dev,"], /empty environment name/],
    [["extra"], /positional argument/],
  ])("refuses the command line %j, naming the problem above the usage", (args, message) => {
    const parse = () => parseSynthOptions(args as string[]);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/\nusage: main /);
  });

  it("synthesizes only the environments asked for", () => {
    const { dir, run } = synthesizedPerfOnly();
    expect(run.status).toBe(0);
    const stacks = readdirSync(join(dir, "cdktf.out", "stacks"));
    expect(stacks).toEqual(expect.arrayContaining(["bootstrap-444444444444", "perf-core"]));
    expect(stacks.filter((s) => s !== "bootstrap-444444444444" && !s.startsWith("perf-"))).toEqual([]);
  });
});
