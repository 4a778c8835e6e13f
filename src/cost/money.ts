/** Rounding and formatting of dollar amounts, in one place so every table agrees. */
import { HOURS_PER_MONTH } from "./prices-us-east-1";

/** Rounds to whole cents, so sums of line items are exact and outputs are deterministic. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Monthly cost of something billed per hour, `count` times over. */
export function monthlyFromHourly(hourlyUsd: number, count = 1): number {
  return cents(hourlyUsd * HOURS_PER_MONTH * count);
}

export function sum(amounts: readonly number[]): number {
  return cents(amounts.reduce((total, amount) => total + amount, 0));
}

/** `$1,234.56` */
export function usd(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `${sign}$${Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
