/** Finding a field of a parsed YAML file by its path, for error messages that point at a line. */
import { isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";

/** The value at `path` in plain parsed data, or undefined where the path does not exist. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** 1-based line and column of the deepest YAML node along `path` that exists. */
export function positionOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0] ?? offset;
      next = pair?.value;
    } else if (isSeq(node) && typeof key === "number") {
      next = node.items[key];
      offset = (next as { range?: number[] } | undefined)?.range?.[0] ?? offset;
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  if (offset === undefined) return {};
  const at = lineCounter.linePos(offset);
  return { line: at.line, column: at.col };
}
