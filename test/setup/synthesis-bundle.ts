/**
 * Global setup: one build of the synthesis program for every test that runs it as a process
 * (test/synth-cli.test.ts, test/cost/cli.test.ts), in a scratch folder so the app-command test
 * may rebuild dist/ meanwhile. When dist/main.js is current (the app command's own check), it is
 * that bundle, copied; otherwise the same build, made once here instead of once per test file.
 * Tests run it with the node flags of the app command (cdktf.json's `app`), as users do.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { bundle } from "../../scripts/bundle.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The synthesis program's bundle (with its source map beside it). */
    synthesisBundle: string;
    /** The node flags of the app command, to run the bundle with. */
    synthesisNodeFlags: string[];
  }
}

const projectRequire = createRequire(resolve("package.json"));
const app = projectRequire("./scripts/app.cjs") as { BUNDLE: string; bundleIsCurrent: () => boolean };

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "sparki-bundle-"));
  const scratch = join(dir, "main.js");
  if (app.bundleIsCurrent()) {
    copyFileSync(`${app.BUNDLE}.map`, `${scratch}.map`);
    copyFileSync(app.BUNDLE, scratch);
  } else {
    await bundle(scratch);
  }
  project.provide("synthesisBundle", scratch);
  const appCommand = (JSON.parse(readFileSync("cdktf.json", "utf8")) as { app: string }).app.split(" ");
  project.provide(
    "synthesisNodeFlags",
    appCommand.filter((word) => word.startsWith("--")),
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
