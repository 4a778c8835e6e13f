/**
 * The monthly estimate of a synthesis output: prices every resource of every stack, groups the
 * stacks by the `Environment` tag their AWS provider puts on everything (account-level stacks,
 * which have none, by account), and adds each environment's implied items.
 */
import { DEFAULT_LOG_INGESTION_GIB_PER_MONTH } from "./defaults";
import { ENVIRONMENT_WIDE, impliedItems } from "./implied";
import { sum } from "./money";
import { NO_FIXED_PRICE, PRICERS } from "./pricers";
import { EKS, PRICE_REGION } from "./prices-us-east-1";
import { StackView } from "./stack-view";
import type { EnvironmentAssumptions, EnvironmentEstimate, LineItem, OutputEstimate, StackEstimate, StackJson } from "./types";

export const DEFAULT_ASSUMPTIONS: EnvironmentAssumptions = { logIngestionGiBPerMonth: DEFAULT_LOG_INGESTION_GIB_PER_MONTH };

type Pricer = (typeof PRICERS)[number];
/** Pricer by resource type (null: no fixed price, undefined: not estimated), looked up once per type. */
const pricerByType = new Map<string, Pricer | null | undefined>();

function pricerFor(type: string): Pricer | null | undefined {
  if (!pricerByType.has(type)) {
    const pricer = PRICERS.find((p) => p.types.includes(type));
    pricerByType.set(type, pricer ?? (NO_FIXED_PRICE.some((pattern) => pattern.test(type)) ? null : undefined));
  }
  return pricerByType.get(type);
}

/**
 * @param stacks stack name → synthesized Terraform JSON
 * @param assumptions inputs per environment name that the JSON does not hold @default DEFAULT_ASSUMPTIONS
 */
export function estimateOutput(
  stacks: Iterable<readonly [string, StackJson]>,
  assumptions: (environment: string) => EnvironmentAssumptions = () => DEFAULT_ASSUMPTIONS,
): OutputEstimate {
  const groups = new Map<string, { tagged: boolean; views: StackView[] }>();
  for (const [name, json] of stacks) {
    const view = new StackView(name, json);
    const environment = view.defaultTags.Environment;
    const key = environment ?? (view.accountId ? `account ${view.accountId}` : name);
    const group = groups.get(key) ?? { tagged: environment !== undefined, views: [] };
    group.views.push(view);
    groups.set(key, group);
  }
  const environments = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([environment, { tagged, views }]) =>
      estimateEnvironment(environment, views, tagged ? impliedItems(views, assumptions(environment)) : []),
    );
  return { priceRegion: PRICE_REGION, pricesAsOf: EKS.asOf, environments };
}

function estimateEnvironment(environment: string, views: readonly StackView[], implied: readonly LineItem[]): EnvironmentEstimate {
  const stacks = [...views].sort((a, b) => a.name.localeCompare(b.name)).map(estimateStack);
  const items = [...stacks.flatMap((s) => s.items), ...implied];
  return {
    environment,
    monthlyUsd: sum([...stacks.map((s) => s.monthlyUsd), ...implied.map((i) => i.monthlyUsd)]),
    stacks,
    implied,
    unpriced: items.filter((i) => i.unpriced).map((i) => `${i.stack} ${i.address}: ${i.assumption ?? i.description}`),
  };
}

export function estimateStack(view: StackView): StackEstimate {
  const items: LineItem[] = [];
  const notEstimated = new Set<string>();
  const otherRegions = new Set<string>();
  for (const resource of view.resources) {
    const pricer = pricerFor(resource.type);
    if (!pricer) {
      if (pricer === undefined) notEstimated.add(resource.type);
      continue;
    }
    const elsewhere = resource.region !== undefined && resource.region !== PRICE_REGION;
    if (elsewhere) otherRegions.add(resource.region!);
    for (const line of pricer.price(resource, view)) {
      // Only us-east-1 prices are in the table; say so on every line priced for another region.
      items.push(
        elsewhere
          ? {
              ...line,
              assumption: [line.assumption, `priced at ${PRICE_REGION} rates (resource is in ${resource.region})`]
                .filter(Boolean)
                .join("; "),
            }
          : line,
      );
    }
  }
  // Stable sort: a resource's lines keep the pricer's order, which cost-diff matches them by.
  items.sort((a, b) => a.address.localeCompare(b.address));
  return {
    stack: view.name,
    monthlyUsd: sum(items.map((i) => i.monthlyUsd)),
    items,
    notEstimated: [...notEstimated].sort(),
    otherRegions: [...otherRegions].sort(),
  };
}

/** Every line item of an environment, stack items first, then environment-wide ones. */
export function lineItems(environment: EnvironmentEstimate): LineItem[] {
  return [...environment.stacks.flatMap((s) => s.items), ...environment.implied];
}

export { ENVIRONMENT_WIDE };
