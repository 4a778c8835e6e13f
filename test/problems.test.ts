import { describe, expect, it } from "vitest";
import { closest, formatProblems } from "../src/problems";

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

describe("formatProblems (the one formatter)", () => {
  const base = { path: "database.backupRetentionDays", message: "too large", allowed: "at most 30", fix: "set it to 30" };

  it("prints where, path, problem, value, allowed and fix under the title", () => {
    const text = formatProblems("Title.", [{ ...base, file: "environments/dev.yaml", line: 43, column: 3, value: 90 }]);
    expect(text).toBe(
      [
        "Title.",
        "",
        "environments/dev.yaml:43:3  database.backupRetentionDays",
        "  problem: too large",
        "  value:   90",
        "  allowed: at most 30",
        "  fix:     set it to 30",
      ].join("\n"),
    );
  });

  it("says (missing) for a value given as undefined, and leaves the value out when the problem has none", () => {
    expect(formatProblems("T", [{ ...base, file: "f.yaml", value: undefined }])).toContain("  value:   (missing)");
    expect(formatProblems("T", [{ ...base, file: "prod-core" }])).not.toContain("value:");
  });

  it("prints a line without a column as file:line, and a problem without a file by its path alone", () => {
    expect(formatProblems("T", [{ ...base, file: "gate-allow.yaml", line: 7, value: 1 }])).toContain("\ngate-allow.yaml:7  database");
    expect(formatProblems("T", [{ ...base, value: 1 }]).split("\n")[2]).toBe("database.backupRetentionDays");
  });
});
