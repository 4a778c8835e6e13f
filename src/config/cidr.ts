/** IPv4 CIDR arithmetic for subnet planning. Pure functions, no dependencies. */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "10.0.0.0/16"; returns undefined for anything that is not a canonical IPv4 CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const base = (((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) >>> 0;
  if (base % blockSize(prefix) !== 0) return undefined; // host bits set: "10.0.0.1/16"
  return { base, prefix };
}

export function formatCidr(cidr: Cidr): string {
  const b = cidr.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix)
  );
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/**
 * Carves blocks of the requested prefix lengths out of `parent`, in the order given,
 * each aligned to its own size. Returns undefined when they do not all fit.
 * Blocks never overlap because each starts at or after the end of the previous one.
 */
export function allocateSubnets(parent: Cidr, prefixes: readonly number[]): Cidr[] | undefined {
  const end = parent.base + blockSize(parent.prefix);
  let cursor = parent.base;
  const result: Cidr[] = [];
  for (const prefix of prefixes) {
    if (prefix < parent.prefix) return undefined;
    const size = blockSize(prefix);
    const start = Math.ceil(cursor / size) * size;
    if (start + size > end) return undefined;
    result.push({ base: start, prefix });
    cursor = start + size;
  }
  return result;
}
