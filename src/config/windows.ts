/**
 * AWS maintenance and backup windows (UTC): daily `hh:mm-hh:mm` and weekly `ddd:hh:mm-ddd:hh:mm`.
 * RDS and ElastiCache reject overlapping backup and maintenance windows only at apply time;
 * checking here fails the configuration before any Terraform is written.
 */
export const DAILY_WINDOW = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
export const WEEKLY_WINDOW =
  /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$/;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A window as [start, end) minutes of the week; `end` may exceed a week when it wraps. */
type Span = readonly [number, number];

const clock = (h: string, m: string) => Number(h) * 60 + Number(m);
const length = (start: number, end: number, period: number) => (end - start + period) % period;

/** Minutes a daily window lasts (it may cross midnight); undefined when malformed. */
export function dailyWindowMinutes(window: string): number | undefined {
  const m = DAILY_WINDOW.exec(window);
  return m ? length(clock(m[1], m[2]), clock(m[3], m[4]), MINUTES_PER_DAY) : undefined;
}

/** Minutes a weekly window lasts (it may cross the week's end); undefined when malformed. */
export function weeklyWindowMinutes(window: string): number | undefined {
  const spans = weeklySpans(window);
  return spans ? spans[0][1] - spans[0][0] : undefined;
}

function dailySpans(window: string): Span[] | undefined {
  const m = DAILY_WINDOW.exec(window);
  if (!m) return undefined;
  const start = clock(m[1], m[2]);
  const minutes = length(start, clock(m[3], m[4]), MINUTES_PER_DAY);
  return DAYS.map((_, day) => [day * MINUTES_PER_DAY + start, day * MINUTES_PER_DAY + start + minutes] as const);
}

function weeklySpans(window: string): Span[] | undefined {
  const m = WEEKLY_WINDOW.exec(window);
  if (!m) return undefined;
  const at = (day: string, h: string, min: string) => DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + clock(h, min);
  const start = at(m[1], m[2], m[3]);
  return [[start, start + length(start, at(m[4], m[5], m[6]), MINUTES_PER_WEEK)]];
}

/** True when a daily window and a weekly window share any minute of the week. */
export function windowsOverlap(daily: string, weekly: string): boolean {
  const a = dailySpans(daily);
  const b = weeklySpans(weekly);
  if (!a || !b) return false;
  // Compare each pair also shifted by one week, so spans that wrap past Sunday midnight are caught.
  const shifts = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK];
  return a.some(([s1, e1]) => b.some(([s2, e2]) => shifts.some((d) => s1 < e2 + d && s2 + d < e1)));
}
