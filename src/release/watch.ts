/**
 * `release watch`: polls the canary's target group a bounded number of times and stops at the
 * first window that breaches the objectives. The caller rolls back on a breach.
 */
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { ServiceLevelObjectives } from "../slo/objectives";
import { readCanaryWindow, type TargetGroupDimensions } from "./canary-metrics";
import { judgeCanary, type CanaryVerdict, type CanaryWindow } from "./canary-verdict";

/** Ten one-minute polls of five-minute windows: the canary is judged over about a quarter of an hour. */
export const DEFAULT_WATCH_POLLS = 10;
export const DEFAULT_WATCH_INTERVAL_SECONDS = 60;
export const DEFAULT_WATCH_WINDOW_MINUTES = 5;

export interface WatchOptions {
  readonly dimensions: TargetGroupDimensions;
  readonly objectives: ServiceLevelObjectives;
  /** @default DEFAULT_WATCH_POLLS */
  readonly polls?: number;
  /** @default DEFAULT_WATCH_INTERVAL_SECONDS */
  readonly intervalSeconds?: number;
  /** @default DEFAULT_WATCH_WINDOW_MINUTES */
  readonly windowMinutes?: number;
}

export interface WatchDeps {
  readonly client: CloudWatchClient;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Called after every poll, for progress output. */
  readonly onPoll: (poll: number, polls: number, window: CanaryWindow, verdict: CanaryVerdict) => void;
}

/** The breach, or the verdict of the last window: healthy only if the watch ended on enough traffic. */
export type WatchOutcome =
  | Exclude<CanaryVerdict, { kind: "too-little-traffic" }>
  | { readonly kind: "no-verdict"; readonly needed: number };

export async function watchCanary(options: WatchOptions, deps: WatchDeps): Promise<WatchOutcome> {
  const polls = options.polls ?? DEFAULT_WATCH_POLLS;
  const intervalMs = (options.intervalSeconds ?? DEFAULT_WATCH_INTERVAL_SECONDS) * 1000;
  const windowMinutes = options.windowMinutes ?? DEFAULT_WATCH_WINDOW_MINUTES;
  let last: CanaryVerdict | undefined;
  for (let poll = 1; poll <= polls; poll++) {
    if (poll > 1) await deps.sleep(intervalMs);
    const window = await readCanaryWindow(deps.client, options.dimensions, deps.now(), windowMinutes);
    last = judgeCanary(window, options.objectives);
    deps.onPoll(poll, polls, window, last);
    if (last.kind === "breach") return last;
  }
  if (last === undefined || last.kind === "too-little-traffic")
    return { kind: "no-verdict", needed: last?.kind === "too-little-traffic" ? last.needed : 0 };
  return last;
}
