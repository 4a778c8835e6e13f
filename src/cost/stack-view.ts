/**
 * A stack's Terraform JSON as the pricers read it: every resource with its address and region,
 * and a way to follow a `${type.name.attr}` reference to the resource it names (a read replica's
 * source, a node group's launch template).
 */
import type { StackJson } from "./types";
import { block } from "../terraform/json-values";

export interface PricedResource {
  readonly stack: string;
  readonly type: string;
  readonly address: string;
  readonly attributes: Readonly<Record<string, any>>;
  /** Region of the provider the resource uses. */
  readonly region: string | undefined;
}

export class StackView {
  readonly resources: readonly PricedResource[];

  constructor(
    readonly name: string,
    readonly json: StackJson,
  ) {
    const regions = providerRegions(json);
    this.resources = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([logical, attributes]) => ({
        stack: name,
        type,
        address: `${type}.${logical}`,
        attributes,
        region: regions.get(typeof attributes.provider === "string" ? attributes.provider : "aws"),
      })),
    );
  }

  ofType(type: string): PricedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource a `${type.name.attr}` string points at, when it is in this stack. */
  referenced(value: unknown): PricedResource | undefined {
    if (typeof value !== "string") return undefined;
    const match = /^\$\{([a-z0-9_]+)\.([^.}]+)\./.exec(value);
    if (!match) return undefined;
    return this.resources.find((r) => r.address === `${match[1]}.${match[2]}`);
  }

  /** Default tags of the stack's default AWS provider. */
  get defaultTags(): Record<string, string> {
    const provider = (this.json.provider?.aws ?? []).find((p) => !p.alias);
    const tags = block(provider?.default_tags)?.tags;
    return tags && typeof tags === "object" ? (tags as Record<string, string>) : {};
  }

  /** Account the default AWS provider is locked to, if any. */
  get accountId(): string | undefined {
    const provider = (this.json.provider?.aws ?? []).find((p) => !p.alias);
    const ids = provider?.allowed_account_ids;
    return Array.isArray(ids) && typeof ids[0] === "string" ? ids[0] : undefined;
  }
}

/** `aws` and `aws.<alias>` → region, as resources name their provider. */
function providerRegions(json: StackJson): Map<string, string | undefined> {
  const regions = new Map<string, string | undefined>();
  for (const provider of json.provider?.aws ?? []) {
    regions.set(provider.alias ? `aws.${provider.alias}` : "aws", provider.region);
  }
  return regions;
}

/** A number attribute, or undefined when it is absent or still an unresolved reference. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}
