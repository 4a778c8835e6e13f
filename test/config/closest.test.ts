import { describe, expect, it } from "vitest";
import { closest } from "../../src/config/errors";

describe("closest (the one did-you-mean helper)", () => {
  it("suggests a transposed or misspelt key, ignoring case", () => {
    expect(closest("nmae", ["namespace", "name", "image"])).toBe("name");
    expect(closest("NatGatways", ["natGateways", "zones"])).toBe("natGateways");
  });
  it("suggests nothing when no candidate is a likely typo", () => {
    expect(closest("replicas", ["image", "tolerations"])).toBeUndefined();
    expect(closest("abc", [])).toBeUndefined();
  });
});
