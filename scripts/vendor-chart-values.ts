// Writes values.json beside every vendored values.yaml under src/constructs/helm/charts/
// (charts without a values.schema.json), so synthesis imports the chart defaults as data
// instead of reading files relative to the working directory.
//   node scripts/run-ts.mjs scripts/vendor-chart-values.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CHART_FILES_DIR } from "../src/constructs/helm/chart-files";
import { toolArgs } from "../src/tool-args";

toolArgs({}, "usage: node scripts/run-ts.mjs scripts/vendor-chart-values.ts");

for (const chart of readdirSync(CHART_FILES_DIR).sort()) {
  for (const version of readdirSync(join(CHART_FILES_DIR, chart)).sort()) {
    const dir = join(CHART_FILES_DIR, chart, version);
    if (existsSync(join(dir, "values.schema.json"))) continue;
    const values: unknown = parse(readFileSync(join(dir, "values.yaml"), "utf8")) ?? {};
    writeFileSync(join(dir, "values.json"), `${JSON.stringify(values, null, 2)}\n`);
    console.log(`wrote ${join(dir, "values.json")}`);
  }
}
