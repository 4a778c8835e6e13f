// Stacks of one environment in dependency order, one per line, from the synthesized output:
//   node scripts/run-ts.mjs scripts/stack-order.ts <environment> [--group github|vpc] [--outdir cdktf.out]
//   node scripts/run-ts.mjs scripts/stack-order.ts --upstream <stack>       # stacks it reads
//   node scripts/run-ts.mjs scripts/stack-order.ts --upstream-all          # "<stack> <upstream>…" per line
//   node scripts/run-ts.mjs scripts/stack-order.ts --bootstrap <environment> # its account's bootstrap stack
//   node scripts/run-ts.mjs scripts/stack-order.ts --matrix   # environments (environments/*.yaml), those with in-VPC stacks: JSON
// --group github: stacks GitHub-hosted runners can reach; vpc: the rest (src/pipeline/runner-groups.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RUNNER_GROUPS, runnerGroups, upstreamOf, type RunnerGroup } from "../src/pipeline/runner-groups";
import { stacksInOrder, withEnvironments, type Manifest } from "../src/pipeline/stack-order";
import { toolArgs, usageExit } from "../src/tool-args";

const USAGE =
  "usage: stack-order.ts <environment> [--group github|vpc] [--bootstrap] [--outdir dir] | --upstream <stack> | --upstream-all | --matrix";
const FLAGS = {
  group: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  upstream: { type: "string" },
  "upstream-all": { type: "boolean" },
  bootstrap: { type: "boolean" },
  matrix: { type: "boolean" },
} as const;
const { values, positionals } = toolArgs(FLAGS, USAGE, [0, 1]);
const whole = values.matrix || values["upstream-all"] || values.upstream !== undefined;
if (whole && positionals.length > 0)
  usageExit(`--matrix, --upstream and --upstream-all take no environment, got "${positionals[0]}"`, USAGE);
if (!whole && positionals.length === 0) usageExit("expected an environment", USAGE);
if (values.group !== undefined && !RUNNER_GROUPS.includes(values.group as RunnerGroup))
  usageExit(`--group must be one of ${RUNNER_GROUPS.join(", ")}, got "${values.group}"`, USAGE);
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
const outdir = values.outdir!;
const synthesized = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as Manifest & {
  stacks: Record<string, { synthesizedStackPath: string }>;
};
// Stack names reach shell commands and paths in CI: letters, digits and hyphens only.
for (const name of Object.keys(synthesized.stacks))
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail(`stack name ${JSON.stringify(name)} is not lower-case letters, digits and hyphens`);
const stackJson = (name: string) => JSON.parse(readFileSync(join(outdir, synthesized.stacks[name]!.synthesizedStackPath), "utf8"));
// Stacks are selected by the environment each belongs to, never by name prefix.
const manifest = withEnvironments(synthesized, stackJson);
const providers = Object.fromEntries(Object.keys(manifest.stacks).map((name) => [name, Object.keys(stackJson(name).provider ?? {})]));

if (values["upstream-all"]) {
  for (const name of Object.keys(manifest.stacks).sort()) console.log([name, ...upstreamOf(manifest, name)].join(" "));
} else if (values.upstream) {
  if (!manifest.stacks[values.upstream]) fail(`no stack "${values.upstream}" in ${outdir}/manifest.json`);
  console.log(upstreamOf(manifest, values.upstream).join("\n"));
} else if (values.matrix) {
  // Environments are data: one file each in environments/.
  const environments = readdirSync("environments")
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
  const groups = environments.map((environment) => ({ environment, ...runnerGroups(manifest, providers, environment) }));
  console.log(JSON.stringify({ environments, vpc: groups.filter((g) => g.vpc.length > 0).map((g) => g.environment) }));
} else {
  const environment = positionals[0]!;
  const ordered = stacksInOrder(manifest, environment);
  if (ordered.length === 0) {
    const known = [...new Set(Object.values(manifest.stacks).map((s) => s.environment))].filter(Boolean).sort();
    fail(`no stacks for environment "${environment}" in ${outdir}/manifest.json (environments there: ${known.join(", ") || "none"})`);
  }
  if (values.bootstrap) {
    // The environment's account is the one its AWS provider is locked to.
    const account = stackJson(ordered[0]!).provider?.aws?.[0]?.allowed_account_ids?.[0];
    const name = `bootstrap-${account}`;
    if (!manifest.stacks[name]) fail(`no bootstrap stack ${name} for ${environment}`);
    console.log(name);
  } else if (values.group) {
    const stacks = runnerGroups(manifest, providers, environment)[values.group as RunnerGroup];
    if (stacks.length > 0) console.log(stacks.join("\n"));
  } else {
    console.log(ordered.join("\n"));
  }
}
