/**
 * scripts/typecheck.mjs: `npm run typecheck`, and the check the app command runs before it
 * rebuilds its bundle (esbuild does not check types).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without type declarations
import { typecheck } from "../scripts/typecheck.mjs";

function project(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-tsc-"));
  writeFileSync(
    join(dir, "tsconfig.synth.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, incremental: true, types: [], lib: ["ES2022"] }, include: ["*.ts"] }),
  );
  writeFileSync(join(dir, "main.ts"), source);
  return dir;
}

describe("typecheck before a rebuild", () => {
  it("passes clean sources, skips an unchanged check, and names file and line of an error written since", () => {
    const dir = project("export const port: number = 8080;\n");
    const check = typecheck as (root: string) => string | undefined;
    expect(check(dir)).toBeUndefined();
    const buildInfo = join(dir, "tsconfig.synth.tsbuildinfo");
    const checked = statSync(buildInfo).mtimeMs;
    expect(check(dir)).toBeUndefined();
    expect(statSync(buildInfo).mtimeMs).toBe(checked); // nothing changed, nothing re-checked
    // As after a checkout that rewrote the config: tsc re-checks, finds nothing to change and would
    // leave the build info older than the config, so every later check would re-check everything.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(buildInfo, minuteAgo, minuteAgo);
    expect(check(dir)).toBeUndefined();
    expect(statSync(buildInfo).mtimeMs).toBeGreaterThanOrEqual(statSync(join(dir, "tsconfig.synth.json")).mtimeMs);
    // The build info must not hide an edit made since (same size, so only the content differs).
    writeFileSync(join(dir, "main.ts"), 'export const port: number = "80";\n');
    const later = new Date(Date.now() + 2000); // an edit on a file system with coarse times
    utimesSync(join(dir, "main.ts"), later, later);
    expect(check(dir)).toMatch(/main\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("as a command, takes project paths only: a flag is refused with exit 2 rather than passed to tsc --build", () => {
    const run = spawnSync(process.execPath, ["scripts/typecheck.mjs", "--clean"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Unknown option '--clean'\nusage: node scripts\/typecheck\.mjs <tsconfig\.json>/);
  });
});
