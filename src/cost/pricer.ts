/** What a pricer is: the Terraform types it prices and how one resource becomes line items. */
import type { PricedResource, StackView } from "./stack-view";
import type { LineItem } from "./types";

export interface Pricer {
  readonly types: readonly string[];
  price(resource: PricedResource, stack: StackView): LineItem[];
}

/** A line item for `resource`. */
export function item(resource: PricedResource, description: string, monthlyUsd: number, assumption?: string): LineItem {
  return { stack: resource.stack, address: resource.address, description, monthlyUsd, ...(assumption ? { assumption } : {}) };
}

/** A line item whose price the table lacks: loud in every report, never a silent $0. */
export function unpriced(resource: PricedResource, description: string, missing: string): LineItem {
  return {
    stack: resource.stack,
    address: resource.address,
    description,
    monthlyUsd: 0,
    unpriced: true,
    assumption: `UNPRICED: no price for ${missing} in src/cost/prices-us-east-1.ts; add it`,
  };
}
