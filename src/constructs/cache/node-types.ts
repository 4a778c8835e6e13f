/**
 * ElastiCache node types the alarm thresholds understand: memory and vCPUs
 * (source: ElastiCache supported node types, checked 2026-11). A type missing here is a
 * configuration error; add it here (and only here) to allow it.
 */
import type { PreconditionProblem } from "../validation";

export interface CacheNodeTypeSpec {
  readonly memoryGiB: number;
  readonly vCpu: number;
}

export const CACHE_NODE_TYPES: Readonly<Record<string, CacheNodeTypeSpec>> = {
  "cache.t4g.micro": { memoryGiB: 0.5, vCpu: 2 },
  "cache.t4g.small": { memoryGiB: 1.37, vCpu: 2 },
  "cache.t4g.medium": { memoryGiB: 3.09, vCpu: 2 },
  "cache.m7g.large": { memoryGiB: 6.38, vCpu: 2 },
  "cache.m7g.xlarge": { memoryGiB: 12.93, vCpu: 4 },
  "cache.m7g.2xlarge": { memoryGiB: 26.04, vCpu: 8 },
  "cache.r7g.large": { memoryGiB: 13.07, vCpu: 2 },
  "cache.r7g.xlarge": { memoryGiB: 26.32, vCpu: 4 },
  "cache.r7g.2xlarge": { memoryGiB: 52.82, vCpu: 8 },
  "cache.r6g.large": { memoryGiB: 13.07, vCpu: 2 },
  "cache.r6g.xlarge": { memoryGiB: 26.32, vCpu: 4 },
};

export const KNOWN_CACHE_NODE_TYPES = Object.keys(CACHE_NODE_TYPES);

/** Memory and vCPUs drive the alarm thresholds, so the node type must be one listed here. */
export function cacheNodeTypeProblem(nodeType: string): PreconditionProblem | undefined {
  if (CACHE_NODE_TYPES[nodeType]) return undefined;
  return {
    prop: "nodeType",
    value: nodeType,
    message: "node type unknown to the alarm thresholds",
    allowed: KNOWN_CACHE_NODE_TYPES.join(", "),
    fix: "pick a listed type, or add it with its memory and vCPUs to src/constructs/cache/node-types.ts",
  };
}

/** The node type's specification. Callers check cacheNodeTypeProblem first, so an unknown type here is a bug. */
export function cacheNodeTypeSpec(nodeType: string): CacheNodeTypeSpec {
  const spec = CACHE_NODE_TYPES[nodeType];
  if (!spec) throw new Error(`unknown ElastiCache node type ${nodeType}; known: ${KNOWN_CACHE_NODE_TYPES.join(", ")}`);
  return spec;
}
