// Preloaded into every node process of a benchmark run (NODE_OPTIONS=--require): records the
// process's peak resident set size when it exits, so the benchmark needs no external tool.
const { appendFileSync } = require("node:fs");

process.on("exit", () => {
  appendFileSync(process.env.SPARKI_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
