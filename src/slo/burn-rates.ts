/**
 * Multi-window, multi-burn-rate alerting (Google SRE Workbook, "Alerting on SLOs", table 5-8):
 * an alert fires when the error budget burns at `factor` times the sustainable rate over both
 * the long window (significance) and the short window (it is still happening, so it resets fast).
 * Thresholds are `factor × budget`, computed from the objective, never typed in.
 */
export type BurnSeverity = "critical" | "warning";

export interface BurnRateWindow {
  /** How many times faster than sustainable the budget burns. */
  readonly factor: number;
  readonly longWindow: string;
  readonly shortWindow: string;
  /** critical pages; warning opens a ticket. */
  readonly severity: BurnSeverity;
}

/** 14.4× for 1 h spends 2 % of a 30-day budget; 6× for 6 h spends 5 %; 1× for 3 d spends 10 %. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { factor: 14.4, longWindow: "1h", shortWindow: "5m", severity: "critical" },
  { factor: 6, longWindow: "6h", shortWindow: "30m", severity: "critical" },
  { factor: 1, longWindow: "3d", shortWindow: "6h", severity: "warning" },
];

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Every window a ratio is recorded over, shortest first. */
export const RATIO_WINDOWS: readonly string[] = [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.shortWindow, w.longWindow]))].sort(
  (a, b) => durationSeconds(a) - durationSeconds(b),
);

/** Seconds of a Prometheus duration such as `5m`, `6h`, `3d`. */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)([smhdw])$/.exec(duration);
  if (!match) throw new Error(`not a simple Prometheus duration: ${JSON.stringify(duration)}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

/** Floating-point noise off (1 - 0.995 is 0.0050000000000000044 in IEEE doubles). */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The ratio above which a window burns the budget `factor` times too fast. */
export function burnThreshold(factor: number, budget: number): number {
  return clean(factor * budget);
}
