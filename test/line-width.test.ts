/** Every source line fits the formatter's width; Biome does not break long string literals, so this catches what it leaves. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE_ROOTS = ["src", "stacks", "scripts", "test", "load"];
const SOURCE_FILES = ["main.ts"];
// Generated model code and test inputs are not formatted by hand.
const EXCLUDED = [/(^|\/)models\//, /^test\/fixtures\//];

/** The width Biome formats to, so this test and `npm run lint` agree. */
const LINE_WIDTH: number = JSON.parse(readFileSync("biome.json", "utf8")).formatter.lineWidth;

function typeScriptFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((path) => join(root, path).split("\\").join("/"))
    .filter((path) => path.endsWith(".ts") && !EXCLUDED.some((pattern) => pattern.test(path)));
}

/** "file:line (length)" of every line longer than width, counted in characters as the formatter does. */
function linesOver(files: readonly string[], width: number): string[] {
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, index) => ([...line].length > width ? [`${file}:${index + 1} (${[...line].length})`] : [])),
  );
}

describe("line width", () => {
  it("reads a positive lineWidth from biome.json", () => {
    expect(Number.isInteger(LINE_WIDTH) && LINE_WIDTH > 0).toBe(true);
  });

  it("no line of the TypeScript sources is longer than the formatter's lineWidth", () => {
    const files = [...SOURCE_ROOTS.flatMap(typeScriptFiles), ...SOURCE_FILES];
    expect(files).toContain("stacks/app.ts");
    expect(files).toContain("test/line-width.test.ts");
    expect(files.some((file) => file.startsWith("test/fixtures/"))).toBe(false);
    expect(linesOver(files, LINE_WIDTH)).toEqual([]);
  });

  it("names the file and line of a line one character over, and passes one exactly at the width", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sparki-width-")), "long.ts");
    writeFileSync(file, `${"x".repeat(LINE_WIDTH)}\n// ${"é".repeat(LINE_WIDTH - 3)}\n${"y".repeat(LINE_WIDTH + 1)}\n`);
    expect(linesOver([file], LINE_WIDTH)).toEqual([`${file}:3 (${LINE_WIDTH + 1})`]);
  });
});
