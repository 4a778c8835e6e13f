// `npm run bench`: synthesis cost against the floor of loading cdktf alone, on this machine,
// in one run, then the test suite's wall time. The floor, one environment and all environments
// are run in turn, ROUNDS times: this machine's speed drifts by a third within a minute, so each
// round's ratios compare runs made seconds apart, and the medians of those ratios are reported
// (with the median wall time and peak RSS of each command). `--check` exits non-zero when a
// target is missed; `--skip-suite` leaves the suite out.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadEnvironments } from "../src/config/load";
import { toolArgs } from "../src/tool-args";

const FLAGS = { check: { type: "boolean" }, "skip-suite": { type: "boolean" } } as const;
const { values: flags } = toolArgs(FLAGS, "usage: npm run bench -- [--check] [--skip-suite]");

const ROUNDS = 9;
/**
 * Targets: full synthesis ≤ 3× floor and ≤ 350 MB; each added environment ≤ 0.5× floor; the
 * test suite (`npm test`, without the terraform layers of `npm run test:terraform`) ≤ 60 s.
 */
const TARGETS = { fullRatio: 3, fullRssMb: 350, perEnvironmentRatio: 0.5, suiteSeconds: 60 };

const appCommand = (JSON.parse(readFileSync("cdktf.json", "utf8")) as { app: string }).app;
const scratch = mkdtempSync(join(tmpdir(), "sparki-bench-"));
const rssFile = join(scratch, "rss");

interface Sample {
  seconds: number;
  rssMb: number;
}

function measure(command: string): Sample {
  writeFileSync(rssFile, "");
  const env = {
    ...process.env,
    CDKTF_OUTDIR: join(scratch, "out"),
    NODE_OPTIONS: `--require ${resolve("scripts/bench-rss.cjs")}`,
    SPARKI_BENCH_RSS_FILE: rssFile,
  };
  const started = process.hrtime.bigint();
  const run = spawnSync(command, { shell: true, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} failed:\n${run.stderr}`);
  const peaks = readFileSync(rssFile, "utf8").trim().split("\n").map(Number);
  return { seconds, rssMb: Math.max(...peaks) / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time and peak RSS of a command's samples. */
function typical(samples: readonly Sample[]): Sample {
  return { seconds: median(samples.map((s) => s.seconds)), rssMb: median(samples.map((s) => s.rssMb)) };
}

try {
  const environments = loadEnvironments("environments").map((e) => e.name);
  const commands = {
    floor: `node -e 'require("cdktf")'`,
    one: `${appCommand} --quiet --only ${environments[0]}`,
    all: `${appCommand} --quiet`,
  };
  for (const command of Object.values(commands)) measure(command); // warm-up: file cache, a rebuild of the bundle
  const rounds = Array.from({ length: ROUNDS }, () => ({
    floor: measure(commands.floor),
    one: measure(commands.one),
    all: measure(commands.all),
  }));
  const addedEnvironments = Math.max(1, environments.length - 1);
  const fullRatio = median(rounds.map((r) => r.all.seconds / r.floor.seconds));
  const oneRatio = median(rounds.map((r) => r.one.seconds / r.floor.seconds));
  const perEnvironmentRatio = median(rounds.map((r) => (r.all.seconds - r.one.seconds) / addedEnvironments / r.floor.seconds));
  const floor = typical(rounds.map((r) => r.floor));
  const one = typical(rounds.map((r) => r.one));
  const all = typical(rounds.map((r) => r.all));
  const perEnvironment = (all.seconds - one.seconds) / addedEnvironments;

  const row = (name: string, s: Sample, ratio: number) =>
    `| ${name} | ${s.seconds.toFixed(3)} s | ${ratio.toFixed(2)}× | ${s.rssMb.toFixed(0)} MB |`;
  console.log(`Synthesis benchmark: ${ROUNDS} interleaved rounds, Node ${process.version}, app command \`${appCommand}\`\n`);
  console.log("| what | median wall | median × floor (per round) | peak RSS |\n|---|---|---|---|");
  console.log(row("floor: `node -e 'require(\"cdktf\")'`", floor, 1));
  console.log(row(`one environment (${environments[0]})`, one, oneRatio));
  console.log(row(`all ${environments.length} environments`, all, fullRatio));
  console.log(`| each added environment | ${perEnvironment.toFixed(3)} s | ${perEnvironmentRatio.toFixed(2)}× | |`);

  let suiteSeconds: number | undefined;
  if (!flags["skip-suite"]) {
    const started = process.hrtime.bigint();
    const suite = spawnSync("npm", ["test"], { encoding: "utf8", env: { ...process.env, CI: "true" } });
    suiteSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (suite.status !== 0) throw new Error(`npm test failed; the suite's time means nothing:\n${suite.stdout.slice(-2000)}`);
    console.log(`\nTest suite (\`npm test\`: typecheck and vitest, one run): ${suiteSeconds.toFixed(0)} s wall`);
  }

  const misses = [
    fullRatio > TARGETS.fullRatio && `full synthesis ${fullRatio.toFixed(2)}× floor > ${TARGETS.fullRatio}×`,
    all.rssMb > TARGETS.fullRssMb && `full synthesis ${all.rssMb.toFixed(0)} MB > ${TARGETS.fullRssMb} MB`,
    perEnvironmentRatio > TARGETS.perEnvironmentRatio &&
      `each environment ${perEnvironmentRatio.toFixed(2)}× floor > ${TARGETS.perEnvironmentRatio}×`,
    suiteSeconds !== undefined &&
      suiteSeconds > TARGETS.suiteSeconds &&
      `test suite ${suiteSeconds.toFixed(0)} s > ${TARGETS.suiteSeconds} s`,
  ].filter(Boolean);
  const verdict = misses.length ? `MISSED: ${misses.join("; ")}` : "met";
  console.log(
    `\nTargets (full ≤ ${TARGETS.fullRatio}× floor and ≤ ${TARGETS.fullRssMb} MB; each environment ≤ ` +
      `${TARGETS.perEnvironmentRatio}× floor; test suite ≤ ${TARGETS.suiteSeconds} s): ${verdict}`,
  );
  if (misses.length && flags.check) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
