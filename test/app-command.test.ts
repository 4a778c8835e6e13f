/**
 * The app command (`node scripts/app.cjs`, what `npm run synth` and cdktf run): it rebuilds the
 * bundle when a source is newer and reuses it otherwise. Its own file so the two rebuilds (each
 * after an incremental typecheck) run beside the other synthesis-program tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("app command", () => {
  it("the app command rebuilds the bundle when a source is newer, and reuses it otherwise", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "sparki-app-")), "out");
    const app = () =>
      spawnSync(process.execPath, ["scripts/app.cjs", "--quiet", "--only", "dev"], {
        encoding: "utf8",
        env: { ...process.env, CDKTF_OUTDIR: outdir },
      });
    expect(app().status).toBe(0);
    const built = statSync("dist/main.js").mtimeMs;
    expect(app().status).toBe(0);
    expect(statSync("dist/main.js").mtimeMs).toBe(built);
    const { atime, mtime } = statSync("main.ts");
    const future = new Date(Date.now() + 5000);
    utimesSync("main.ts", future, future);
    const run = app();
    // Its real time again, or the next synthesis would find it newer than the bundle and rebuild.
    utimesSync("main.ts", atime, mtime);
    expect(run.stderr).toBe("");
    expect(statSync("dist/main.js").mtimeMs).toBeGreaterThan(built);
    expect(existsSync(join(outdir, "stacks", "dev-core", "cdk.tf.json"))).toBe(true);
  }, 240_000); // two rebuilds, each after an incremental typecheck of the sources
});
