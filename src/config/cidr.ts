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
  const base = toInteger(octets);
  if (base % blockSize(prefix) !== 0) return undefined; // host bits set: "10.0.0.1/16"
  return { base, prefix };
}

/** What is wrong with a text that is not a canonical IPv4 CIDR, and the fix that fits it. */
export interface CidrMistake {
  readonly message: string;
  readonly fix: string;
}

/** Explains why `text` is not a canonical IPv4 CIDR; undefined when it is one. */
export function cidrMistake(text: string): CidrMistake | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return { message: "not written as an IPv4 CIDR", fix: "write four dot-separated numbers and a prefix, such as 10.20.0.0/16" };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  const bad = octets.filter((o) => o > 255);
  if (bad.length > 0) return { message: `octet ${bad.join(", ")} is over 255`, fix: "each of the four numbers must be 0 to 255" };
  if (prefix > 32)
    return { message: `prefix /${prefix} is over 32`, fix: "an IPv4 prefix is /0 to /32; /16 gives 65,536 addresses, /24 gives 256" };
  const base = toInteger(octets);
  const size = blockSize(prefix);
  if (base % size !== 0) {
    const network = formatCidr({ base: base - (base % size), prefix });
    return {
      message: `host bits are set: ${text} is an address inside ${network}, not a network`,
      fix: `use the network address ${network}`,
    };
  }
  return undefined;
}

function toInteger(octets: readonly number[]): number {
  return (((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3]) >>> 0;
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
    inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix)
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
