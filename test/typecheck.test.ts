/** The typecheck the app command runs before it rebuilds its bundle (esbuild does not check types). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without type declarations
import { typecheck } from "../scripts/typecheck.mjs";

function project(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-tsc-"));
  writeFileSync(
    join(dir, "tsconfig.synth.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], lib: ["ES2022"] }, include: ["*.ts"] }),
  );
  writeFileSync(join(dir, "main.ts"), source);
  return dir;
}

describe("typecheck before a rebuild", () => {
  it("returns the compiler's message, with file and line, for a type error", () => {
    const errors = (typecheck as (root: string) => string | undefined)(project('export const port: number = "8080";\n'));
    expect(errors).toMatch(/main\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("passes clean sources, and again from its incremental build info", () => {
    const dir = project("export const port: number = 8080;\n");
    expect((typecheck as (root: string) => string | undefined)(dir)).toBeUndefined();
    expect((typecheck as (root: string) => string | undefined)(dir)).toBeUndefined();
  });
});
