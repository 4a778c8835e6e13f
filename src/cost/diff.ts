/**
 * Markdown comparison of two estimates (base branch and PR) for the PR comment: totals per
 * environment and per stack, then the line items that changed most.
 */
import { ENVIRONMENT_WIDE, lineItems } from "./estimate";
import { cents, usd } from "./money";
import type { EnvironmentEstimate, LineItem, OutputEstimate } from "./types";

/** Line-item changes listed under "largest changes". @default 10 */
export const DEFAULT_TOP_CHANGES = 10;

export interface DiffOptions {
  /** @default DEFAULT_TOP_CHANGES */
  readonly top?: number;
  /** Notes printed under the title, e.g. that an output had no estimate of its own. @default none */
  readonly notes?: readonly string[];
}

export interface ItemChange {
  readonly environment: string;
  readonly stack: string;
  readonly address: string;
  readonly description: string;
  readonly base: number;
  readonly pr: number;
  readonly delta: number;
  readonly unpriced: boolean;
}

export function costDiffMarkdown(base: OutputEstimate, pr: OutputEstimate, options: DiffOptions = {}): string {
  const environments = union(
    base.environments.map((e) => e.environment),
    pr.environments.map((e) => e.environment),
  );
  const find = (estimate: OutputEstimate, name: string) => estimate.environments.find((e) => e.environment === name);
  const changes = itemChanges(base, pr);
  const top = changes.filter((c) => c.delta !== 0 || c.unpriced).slice(0, options.top ?? DEFAULT_TOP_CHANGES);
  const baseTotal = cents(base.environments.reduce((t, e) => t + e.monthlyUsd, 0));
  const prTotal = cents(pr.environments.reduce((t, e) => t + e.monthlyUsd, 0));

  return [
    "## Monthly cost estimate: base → PR",
    "",
    `On-demand list prices, ${pr.priceRegion}, as of ${pr.pricesAsOf}` +
      `${base.pricesAsOf !== pr.pricesAsOf ? ` (base used prices of ${base.pricesAsOf})` : ""}. ` +
      "Traffic-dependent charges are not counted: see src/cost/README.md.",
    ...(options.notes ?? []).map((n) => `\n> ${n}`),
    "",
    "### Per environment",
    "",
    "| environment | base | PR | delta | delta % |",
    "|---|---:|---:|---:|---:|",
    ...environments.map((name) => row([name], find(base, name), find(pr, name))),
    `| **total** | ${usd(baseTotal)} | ${usd(prTotal)} | ${signed(prTotal - baseTotal)} | ${percent(baseTotal, prTotal)} |`,
    "",
    "### Per stack",
    "",
    "| environment | stack | base | PR | delta | delta % |",
    "|---|---|---:|---:|---:|---:|",
    ...environments.flatMap((name) => {
      const [b, p] = [find(base, name), find(pr, name)];
      const stacks = union(
        [...(b?.stacks ?? []).map((s) => s.stack), ...(b?.implied.length ? [ENVIRONMENT_WIDE] : [])],
        [...(p?.stacks ?? []).map((s) => s.stack), ...(p?.implied.length ? [ENVIRONMENT_WIDE] : [])],
      );
      return stacks.map((stack) => row([name, stack], stackTotal(b, stack), stackTotal(p, stack)));
    }),
    "",
    `### Largest line-item changes${top.length === 0 ? "" : ` (top ${top.length})`}`,
    "",
    ...(top.length === 0
      ? ["No line item changed."]
      : [
          "| environment | stack | line item | base | PR | delta |",
          "|---|---|---|---:|---:|---:|",
          ...top.map(
            (c) =>
              `| ${c.environment} | ${c.stack} | ${c.description}${c.unpriced ? " **(UNPRICED)**" : ""} <br>\`${c.address}\` | ` +
              `${usd(c.base)} | ${usd(c.pr)} | ${signed(c.delta)} |`,
          ),
        ]),
    "",
  ].join("\n");
}

/** Every line item present on either side, matched by environment, stack, address and position, largest |delta| first. */
export function itemChanges(base: OutputEstimate, pr: OutputEstimate): ItemChange[] {
  const keyed = (estimate: OutputEstimate) => {
    const map = new Map<string, { environment: string; item: LineItem }>();
    for (const env of estimate.environments) {
      const seen = new Map<string, number>();
      for (const item of lineItems(env)) {
        const id = `${env.environment}|${item.stack}|${item.address}`;
        const n = seen.get(id) ?? 0;
        seen.set(id, n + 1);
        map.set(`${id}|${n}`, { environment: env.environment, item });
      }
    }
    return map;
  };
  const [b, p] = [keyed(base), keyed(pr)];
  return union([...b.keys()], [...p.keys()])
    .map((key) => {
      const before = b.get(key);
      const after = p.get(key);
      const item = (after ?? before)!.item;
      const [baseUsd, prUsd] = [before?.item.monthlyUsd ?? 0, after?.item.monthlyUsd ?? 0];
      return {
        environment: (after ?? before)!.environment,
        stack: item.stack,
        address: item.address,
        description:
          before && after && before.item.description !== after.item.description
            ? `${before.item.description} → ${after.item.description}`
            : item.description,
        base: baseUsd,
        pr: prUsd,
        delta: cents(prUsd - baseUsd),
        unpriced: Boolean(after?.item.unpriced),
      };
    })
    .sort(
      (x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.environment.localeCompare(y.environment) || x.address.localeCompare(y.address),
    );
}

function stackTotal(env: EnvironmentEstimate | undefined, stack: string): { monthlyUsd: number; unpriced: readonly string[] } | undefined {
  if (!env) return undefined;
  if (stack === ENVIRONMENT_WIDE)
    return env.implied.length ? { monthlyUsd: cents(env.implied.reduce((t, i) => t + i.monthlyUsd, 0)), unpriced: [] } : undefined;
  const found = env.stacks.find((s) => s.stack === stack);
  return found ? { monthlyUsd: found.monthlyUsd, unpriced: found.items.filter((i) => i.unpriced).map((i) => i.address) } : undefined;
}

function row(
  labels: string[],
  base: { monthlyUsd: number; unpriced: readonly string[] } | undefined,
  pr: { monthlyUsd: number; unpriced: readonly string[] } | undefined,
): string {
  const amount = (side: typeof base) => (side ? `${side.unpriced.length ? "≥ " : ""}${usd(side.monthlyUsd)}` : "—");
  const [b, p] = [base?.monthlyUsd ?? 0, pr?.monthlyUsd ?? 0];
  return `| ${labels.join(" | ")} | ${amount(base)} | ${amount(pr)} | ${signed(p - b)} | ${base ? percent(b, p) : "new"} |`;
}

function signed(delta: number): string {
  const rounded = cents(delta);
  return rounded > 0 ? `+${usd(rounded)}` : usd(rounded);
}

function percent(base: number, pr: number): string {
  if (base === 0) return pr === 0 ? "0 %" : "new";
  const p = ((pr - base) / base) * 100;
  return `${p > 0 ? "+" : ""}${p.toFixed(1)} %`;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
