import { describe, expect, it } from "vitest";
import { BARREL_IMPORT, findBarrelImports } from "../src/pipeline/lint";

describe("imports", () => {
  it("never import a provider package's barrel, only deep paths", () => {
    expect(findBarrelImports()).toEqual([]);
  });

  it("the barrel pattern catches what it is meant to catch", () => {
    const barrel = `"@cdktf/provider-${"aws"}"`; // spelt indirectly so this file passes its own check
    expect(BARREL_IMPORT.test(`import { Vpc } from ${barrel};`)).toBe(true);
    expect(BARREL_IMPORT.test(`const helm = require(${barrel.replace("aws", "helm")})`)).toBe(true);
    expect(BARREL_IMPORT.test(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toBe(false);
  });
});
