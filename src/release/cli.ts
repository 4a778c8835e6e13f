/**
 * The release CLI (`npm run release -- <verb> …`): parses the command line, loads the environment
 * and its release file, runs one verb and writes the file only when the verb changed something
 * and the result passes synthesis's own checks. I/O comes in through `ReleaseIo` so tests run it
 * in-process with a fixed clock and a mocked CloudWatch client.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { ConfigError } from "../config/errors";
import { formatProblems, type Problem } from "../problems";
import { loadEnvironments } from "../config/load";
import type { EnvironmentConfig } from "../config/schema";
import { displayPath } from "../config/yaml-file";
import { PREVIEW_HEADER, WORKLOAD_NAMES, type Colour, type WorkloadName } from "../constructs/workloads/catalog";
import { OBJECTIVES } from "../slo/objectives";
import type { TargetGroupDimensions } from "./canary-metrics";
import { dimensionProblems, dimensionsFromOutputs, type TerraformOutputs } from "./edge-dimensions";
import { editReleaseText, newReleaseFileText } from "./edit";
import { loadRelease, releaseFilePath, RELEASES_DIR } from "./load";
import { idleColour, type MoveContext, type MoveResult } from "./move";
import { nextSteps, type EditVerb } from "./next-steps";
import { planChanges } from "./plan-preview";
import { releasePolicy, type ReleasePolicy } from "./policy";
import { promote } from "./promote";
import { retire } from "./retire";
import { rollback } from "./rollback";
import { isRunning, type ReleaseFile, type WorkloadRelease } from "./schema";
import { shift } from "./shift";
import { DEFAULT_SMOKE_TIMEOUT_SECONDS, runSmokeChecks, SMOKE_TOKEN_VARIABLE } from "./smoke-checks";
import { recordSmoke } from "./smoke-record";
import { parseToolArgs } from "../tool-args";
import { stage } from "./stage";
import { renderStatus } from "./status";
import { DEFAULT_WATCH_INTERVAL_SECONDS, DEFAULT_WATCH_POLLS, DEFAULT_WATCH_WINDOW_MINUTES, watchCanary } from "./watch";

/** Exit codes; `watch` adds two of its own. */
export const EXIT_OK = 0;
/** The move is unsafe (or the watch found no canary to judge): nothing was written. */
export const EXIT_REFUSED = 1;
/** Bad command line or unreadable input: nothing was written. */
export const EXIT_USAGE = 2;
/** `watch`: the canary breached the objectives and the file now holds the rollback. */
export const EXIT_ROLLED_BACK = 3;
/** `watch`: the last window had too little traffic to judge; nothing was written. */
export const EXIT_NO_VERDICT = 4;
/** `smoke`: a check failed; the failure is recorded, so shift and promote refuse the colour. */
export const EXIT_SMOKE_FAILED = 5;

export const USAGE = `usage: npm run release -- <verb> <environment> [<workload>] [flags]
  status   <env>                                  images, replicas, weights, live and idle colour
  stage    <env> <workload> --image <digest>      new image on the idle colour, no traffic yet
  smoke    <env> <workload> --base-url <url> [--timeout <seconds>]
                                                  health, an authenticated call and a WebSocket ping
                                                  against the idle colour (header ${PREVIEW_HEADER}); records
                                                  the result, which shift and promote require
  shift    <env> <workload> [--to <percent>]      next canary step (or a share) to the idle colour
  promote  <env> <workload>                       all traffic to the idle colour, which becomes live
  rollback <env> <workload>                       all traffic back to the live colour
  retire   <env> <workload>                       scale the idle colour to zero after the hold time
  watch    <env> <workload> [--target-group <arn suffix> --load-balancer <arn suffix>]
           [--polls <n>] [--interval <seconds>] [--window <minutes>]
                                                  judge the canary; roll back on a breach
flags for every verb: --releases <dir> --environments <dir> --now <ISO time>
workloads: ${WORKLOAD_NAMES.join(", ")}`;

export interface ReleaseIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly cloudWatch: (region: string) => CloudWatchClient;
  /** `terraform output -json` of a stack directory; throws when it cannot be read. */
  readonly terraformOutputs: (stackDirectory: string) => TerraformOutputs;
}

export const VERB_FLAGS = {
  status: [],
  stage: ["image"],
  smoke: ["base-url", "timeout"],
  shift: ["to"],
  promote: [],
  rollback: [],
  retire: [],
  watch: ["target-group", "load-balancer", "polls", "interval", "window"],
} as const satisfies Record<string, readonly string[]>;
type Verb = keyof typeof VERB_FLAGS;
export const COMMON_FLAGS = ["releases", "environments", "now", "help"];

class UsageError extends Error {}

export async function runRelease(argv: readonly string[], io: ReleaseIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr(`${problemsText(error.problems)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

async function run(argv: readonly string[], io: ReleaseIo): Promise<number> {
  const args = parse(argv);
  if (args.values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const [verbName, environment, workloadName, ...extra] = args.positionals;
  if (!verbName) throw new UsageError("missing verb");
  if (!(verbName in VERB_FLAGS)) throw new UsageError(`unknown verb "${verbName}"; verbs: ${Object.keys(VERB_FLAGS).join(", ")}`);
  const verb = verbName as Verb;
  const allowed = new Set<string>([...COMMON_FLAGS, ...VERB_FLAGS[verb]]);
  for (const flag of Object.keys(args.values)) if (!allowed.has(flag)) throw new UsageError(`--${flag} does not apply to ${verb}`);
  if (!environment) throw new UsageError(`${verb} needs an environment`);
  const wantsWorkload = verb !== "status";
  if (wantsWorkload && !workloadName) throw new UsageError(`${verb} needs a workload (${WORKLOAD_NAMES.join(" or ")})`);
  if (extra.length > 0 || (!wantsWorkload && workloadName)) throw new UsageError(`unexpected argument "${extra[0] ?? workloadName}"`);
  if (wantsWorkload && !(WORKLOAD_NAMES as readonly string[]).includes(workloadName!))
    throw new UsageError(`unknown workload "${workloadName}"; workloads: ${WORKLOAD_NAMES.join(", ")}`);
  const workload = workloadName as WorkloadName;

  const now = args.values.now === undefined ? io.now : fixedClock(args.values.now);
  const state = loadState(environment, args.values.environments ?? "environments", args.values.releases ?? RELEASES_DIR);
  const context: MoveContext = { environment: state.env, policy: state.policy, now: now() };

  switch (verb) {
    case "status":
      io.stdout(`${renderStatus(environment, state.release, state.policy)}\n`);
      return EXIT_OK;
    case "stage":
      if (args.values.image === undefined) throw new UsageError("stage needs --image <digest>");
      return finish(io, verb, state, workload, stage(state.release[workload], args.values.image, context));
    case "shift":
      return finish(
        io,
        verb,
        state,
        workload,
        shift(state.release[workload], args.values.to === undefined ? undefined : percent(args.values.to), context, workload),
      );
    case "promote":
      return finish(io, verb, state, workload, promote(state.release[workload], context, workload));
    case "smoke":
      return smoke(io, args.values, state, workload, now);
    case "rollback":
      return finish(io, verb, state, workload, rollback(state.release[workload]));
    case "retire":
      return finish(io, verb, state, workload, retire(state.release[workload], context));
    case "watch":
      return watch(io, args.values, state, workload, now);
  }
}

const FLAGS = {
  image: { type: "string" },
  "base-url": { type: "string" },
  timeout: { type: "string" },
  to: { type: "string" },
  releases: { type: "string" },
  environments: { type: "string" },
  now: { type: "string" },
  "target-group": { type: "string" },
  "load-balancer": { type: "string" },
  polls: { type: "string" },
  interval: { type: "string" },
  window: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: readonly string[]) {
  // The verb decides how many positionals fit; `run` says which one is missing or stray.
  const parsed = parseToolArgs(argv, FLAGS, [0, Number.POSITIVE_INFINITY]);
  if (parsed.problem !== undefined) throw new UsageError(parsed.problem);
  return { values: parsed.values!, positionals: parsed.positionals! };
}

interface State {
  readonly env: EnvironmentConfig;
  readonly policy: ReleasePolicy;
  readonly path: string;
  readonly text: string;
  readonly release: ReleaseFile;
  readonly environmentsDir: string;
  readonly releasesDir: string;
}

function loadState(environment: string, environmentsDir: string, releasesDir: string): State {
  const [env] = loadEnvironments(environmentsDir, { only: [environment] });
  const loaded = loadRelease(releasesDir, env!);
  if ("problems" in loaded) throw new ConfigError(loaded.problems);
  const path = releaseFilePath(releasesDir, environment);
  const text = existsSync(path) ? readFileSync(path, "utf8") : newReleaseFileText(environment);
  return { env: env!, policy: releasePolicy(env!), path, text, release: loaded.data, environmentsDir, releasesDir };
}

/** Writes a changed state (after synthesis's checks) and says what the next plan will do. */
function finish(io: ReleaseIo, verb: EditVerb, state: State, workload: WorkloadName, result: MoveResult): number {
  if (result.kind === "refused") {
    io.stderr(`refused: ${result.reason}\n  fix: ${result.fix}\nNothing was written.\n`);
    return EXIT_REFUSED;
  }
  if (result.kind === "unchanged") {
    io.stdout(`nothing to change: ${result.reason}\n`);
    return EXIT_OK;
  }
  const before: WorkloadRelease = state.release[workload];
  const file = displayPath(state.path);
  const edit = editReleaseText(state.text, file, workload, before, result.next, state.env.tier);
  if ("problems" in edit) {
    io.stderr(`${problemsText(edit.problems)}\n`);
    return EXIT_REFUSED;
  }
  writeFileSync(state.path, edit.text);
  const changes = planChanges(state.env.name, workload, before, result.next);
  const lines = [`wrote ${file} (${verb} ${workload})`, "next plan:"];
  for (const change of changes) lines.push(`  ${change.stack}: ${change.change}`);
  lines.push(...nextSteps(verb, state.env.name, workload, result.next, state.policy, changes));
  io.stdout(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

async function watch(
  io: ReleaseIo,
  flags: Record<string, string | boolean | undefined>,
  state: State,
  workload: WorkloadName,
  now: () => Date,
): Promise<number> {
  const release = state.release[workload];
  const canary = idleColour(release);
  const share = release.traffic[canary];
  if (share === 0 || share === 100) {
    io.stderr(
      `refused: no canary in progress for ${workload} (${canary} has ${share} % of traffic)\n  fix: shift traffic first (npm ` +
        `run release -- shift ${state.env.name} ${workload})\n`,
    );
    return EXIT_REFUSED;
  }
  const polls = positiveInteger(flags.polls, "--polls", DEFAULT_WATCH_POLLS);
  const intervalSeconds = positiveInteger(flags.interval, "--interval", DEFAULT_WATCH_INTERVAL_SECONDS);
  const windowMinutes = positiveInteger(flags.window, "--window", DEFAULT_WATCH_WINDOW_MINUTES);
  const dimensions = canaryDimensions(io, flags, state.env.name, workload, canary);
  io.stdout(
    `watching ${state.env.name} ${workload}: ${canary} has ${share} % (target group ${dimensions.targetGroup}), ${polls} polls ` +
      `every ${intervalSeconds} s over ${windowMinutes}-minute windows\n`,
  );
  let outcome: Awaited<ReturnType<typeof watchCanary>>;
  try {
    outcome = await watchCanary(
      { dimensions, objectives: OBJECTIVES[workload], polls, intervalSeconds, windowMinutes },
      {
        client: io.cloudWatch(state.env.account.region),
        now,
        sleep: io.sleep,
        onPoll: (poll, total, window, verdict) => {
          const p99 = window.latencyP99Seconds === undefined ? "-" : `${window.latencyP99Seconds.toFixed(3)} s`;
          const judged =
            verdict.kind === "too-little-traffic"
              ? `too little traffic (fewer than ${verdict.needed} requests): no decision`
              : verdict.kind;
          io.stdout(`poll ${poll}/${total}: ${window.requests} requests, ${window.errors5xx} 5xx, p99 ${p99}: ${judged}\n`);
        },
      },
    );
  } catch (error) {
    io.stderr(`cannot read CloudWatch metrics: ${(error as Error).message}\nNothing was written.\n`);
    return EXIT_USAGE;
  }
  if (outcome.kind === "healthy") {
    io.stdout(`healthy: ${canary} meets the objectives\n`);
    return EXIT_OK;
  }
  if (outcome.kind === "no-verdict") {
    io.stderr(
      `no verdict: the last window had fewer than ${outcome.needed} requests on ${canary}; nothing was written. Watch again, or ` +
        `shift a larger share.\n`,
    );
    return EXIT_NO_VERDICT;
  }
  io.stderr(`objectives breached by ${canary}: ${outcome.reasons.join("; ")}; rolling back\n`);
  // Re-read the file: someone may have promoted or rolled back while we watched.
  const fresh = loadState(state.env.name, state.environmentsDir, state.releasesDir);
  const code = finish(io, "rollback", fresh, workload, rollback(fresh.release[workload]));
  return code === EXIT_OK ? EXIT_ROLLED_BACK : code;
}

async function smoke(
  io: ReleaseIo,
  flags: Record<string, string | boolean | undefined>,
  state: State,
  workload: WorkloadName,
  now: () => Date,
): Promise<number> {
  const baseUrl = flags["base-url"];
  if (typeof baseUrl !== "string") throw new UsageError("smoke needs --base-url <the edge's https URL>");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url ${baseUrl}: an absolute http(s) URL such as https://staging.example.com`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--base-url ${baseUrl}: an http(s) URL`);
  const timeoutSeconds = positiveInteger(flags.timeout, "--timeout", DEFAULT_SMOKE_TIMEOUT_SECONDS);
  const release = state.release[workload];
  const colour = idleColour(release);
  if (!isRunning(release[colour])) {
    io.stderr(
      `refused: the idle colour ${colour} does not run (no image, or scaled to zero)\n  fix: stage an image first (npm run ` +
        `release -- stage ${state.env.name} ${workload} --image <digest>) and apply ${state.env.name}-apps\nNothing was written.\n`,
    );
    return EXIT_REFUSED;
  }
  io.stdout(
    `smoke-testing ${state.env.name} ${workload} ${colour} (${release[colour].image}) at ${url.origin} with ${PREVIEW_HEADER}: ${colour}\n`,
  );
  const results = await runSmokeChecks({
    baseUrl: url,
    workload,
    colour,
    token: process.env[SMOKE_TOKEN_VARIABLE] || undefined,
    timeoutMs: timeoutSeconds * 1000,
  });
  for (const r of results) io.stdout(`  ${r.passed ? "pass" : "FAIL"}  ${r.name}: ${r.detail}\n`);
  const passed = results.every((r) => r.passed);
  const code = finish(io, "smoke", state, workload, recordSmoke(release, colour, passed, now()));
  if (code !== EXIT_OK) return code;
  return passed ? EXIT_OK : EXIT_SMOKE_FAILED;
}

function canaryDimensions(
  io: ReleaseIo,
  flags: Record<string, string | boolean | undefined>,
  environment: string,
  workload: WorkloadName,
  colour: Colour,
): TargetGroupDimensions {
  let dimensions: Partial<TargetGroupDimensions> = {
    targetGroup: flags["target-group"] as string | undefined,
    loadBalancer: flags["load-balancer"] as string | undefined,
  };
  if (dimensions.targetGroup === undefined || dimensions.loadBalancer === undefined) {
    const stack = `cdktf.out/stacks/${environment}-edge`;
    let outputs: TerraformOutputs;
    try {
      outputs = io.terraformOutputs(stack);
    } catch (error) {
      throw new UsageError(
        `give --target-group and --load-balancer, or make the edge stack's outputs readable (terraform -chdir=${stack} output ` +
          `-json failed: ${(error as Error).message.split("\n")[0]})`,
      );
    }
    const found = dimensionsFromOutputs(outputs, workload, colour);
    dimensions = { targetGroup: dimensions.targetGroup ?? found.targetGroup, loadBalancer: dimensions.loadBalancer ?? found.loadBalancer };
  }
  const problems = dimensionProblems(dimensions, environment, workload, colour);
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
  return dimensions as TargetGroupDimensions;
}

function percent(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 99)
    throw new UsageError(`--to ${text}: a whole percent from 1 to 99 (promote sends all traffic, rollback none)`);
  return Number(text);
}

function positiveInteger(value: string | boolean | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^[1-9]\d*$/.test(value)) throw new UsageError(`${flag} ${String(value)}: a whole number above 0`);
  return Number(value);
}

function fixedClock(text: string): () => Date {
  const time = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(time.getTime()))
    throw new UsageError(`--now ${text}: an ISO 8601 time such as 2026-11-29T10:00:00Z`);
  return () => time;
}

function problemsText(problems: readonly Problem[]): string {
  return formatProblems("Nothing was written:", problems);
}
