/** Parses PromQL with the Prometheus project's own grammar (@prometheus-io/lezer-promql). */
import { parser } from "@prometheus-io/lezer-promql";

/** Syntax errors of an expression: empty when the grammar accepts it. */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`syntax error at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 20), node.to + 20))}`);
    },
  });
  return errors;
}

/** Metric names an expression selects (VectorSelector identifiers), to check them against the contract. */
export function selectedMetrics(expr: string): string[] {
  const names: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name === "VectorSelector") {
        const id = node.node.getChild("Identifier");
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  return names;
}
