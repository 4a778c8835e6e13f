// `npm run --silent load-thresholds > load/thresholds.json`: the k6 load test's thresholds,
// derived from the service level objectives (load/thresholds.ts).
import { loadTestThresholds } from "../load/thresholds";
import { toolArgs } from "../src/tool-args";

toolArgs({}, "usage: npm run --silent load-thresholds > load/thresholds.json");

process.stdout.write(`${JSON.stringify(loadTestThresholds(), null, 2)}\n`);
