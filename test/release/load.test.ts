/** The release loader reports problems with file:line, like the environment files. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRelease } from "../../src/release/load";
import { fixtureText } from "./helpers";

function load(text: string, tier: "production" | "development") {
  const dir = mkdtempSync(join(tmpdir(), "sparki-release-load-"));
  writeFileSync(join(dir, "prod.yaml"), text);
  const result = loadRelease(dir, { name: "prod", tier });
  return "problems" in result ? result.problems : [];
}

describe("release loader", () => {
  it("points a production tag at its line and column", () => {
    const text = fixtureText("staged-green.yaml").replace(/green: \{ image: "sha256:b{64}"/, 'green: { image: "2.1.0"');
    const [problem, ...rest] = load(text, "production");
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: "web.green.image", value: "2.1.0", line: 5, column: 12 });
    expect(problem!.file).toMatch(/prod\.yaml$/);
    expect(load(text, "development")).toEqual([]);
  });

  it("points a rule violation (traffic on a colour without an image) at its line", () => {
    const text = fixtureText("live-blue.yaml").replace("traffic: { blue: 100, green: 0 }", "traffic: { blue: 90, green: 10 }");
    const problems = load(text, "development");
    expect(problems.map((p) => [p.path, p.line])).toEqual([["web.traffic.green", 6]]);
  });
});
