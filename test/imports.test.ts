import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SOURCE_DIRS = ["main.ts", "src", "stacks", "scripts", "test"];
/** Importing a provider package root loads every resource class: several times slower synthesis. */
const BARREL_IMPORT = /from\s+["']@cdktf\/provider-[a-z0-9-]+["']|require\(\s*["']@cdktf\/provider-[a-z0-9-]+["']\s*\)/;

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.(ts|mts|mjs|js)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((entry) => sourceFiles(join(path, entry)));
}

describe("imports", () => {
  it("never import a provider package's barrel, only deep paths", () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((file) => BARREL_IMPORT.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the barrel pattern catches what it is meant to catch", () => {
    const barrel = `"@cdktf/provider-${"aws"}"`; // spelt indirectly so this file passes its own check
    expect(BARREL_IMPORT.test(`import { Vpc } from ${barrel};`)).toBe(true);
    expect(BARREL_IMPORT.test(`const helm = require(${barrel.replace("aws", "helm")})`)).toBe(true);
    expect(BARREL_IMPORT.test(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toBe(false);
  });
});
