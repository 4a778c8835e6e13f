/**
 * readYamlFile reads with js-yaml and falls back to the `yaml` package's document for positions:
 * the two must agree on what a file means, or a file could pass on one reading and fail on the other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";

/** What each parser makes of `text`: its data, or "error". */
function readings(text: string): { jsYaml: unknown; yaml: unknown } {
  let jsYaml: unknown;
  try {
    jsYaml = load(text, { schema: CORE_SCHEMA });
  } catch {
    jsYaml = "error";
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  return { jsYaml, yaml: doc.errors.length > 0 ? "error" : doc.toJS() };
}

const committed = ["environments", "releases"].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join(dir, name)),
);

describe("the two YAML readings", () => {
  it.each(committed)("agree on %s", (path) => {
    const { jsYaml, yaml } = readings(readFileSync(path, "utf8"));
    expect(jsYaml).not.toBe("error");
    expect(jsYaml).toEqual(yaml);
  });

  it.each([
    ["scalars of YAML 1.2's core schema", "a: 0o17\nb: 017\nc: 0x1F\nd: 1_000\ne: .inf\nf: ~\ng: yes\nh: 2026-01-01\ni: 1e3\nj: +1\n"],
    ["anchors and aliases", "base: &b {x: 1}\nother: *b\n"],
    ["a merge key, which YAML 1.2 does not define", "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n"],
    ["quoted and block strings", "a: 'it''s'\nb: \"tab\\tthere\"\nc: |\n  one\n  two\nd: >-\n  folded\n  text\n"],
    ["flow collections", "a: [1, {b: c}]\nd: {}\n"],
  ])("agree on %s", (_name, text) => {
    const { jsYaml, yaml } = readings(text);
    expect(jsYaml).toEqual(yaml);
  });

  it("find no mapping in a file of comments (the file is then reported as empty)", () => {
    const { jsYaml, yaml } = readings("# nothing\n");
    expect(jsYaml).toBe("error");
    expect(yaml).toBeNull();
  });

  it.each([
    ["a duplicate key", "a: 1\na: 2\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a tab for indentation", "a:\n\tb: 1\n"],
    ["an unclosed quote", 'a: "open\n'],
    ["a bad indentation", "a:\n  b: 1\n c: 2\n"],
  ])("both refuse %s", (_name, text) => {
    expect(readings(text)).toEqual({ jsYaml: "error", yaml: "error" });
  });
});
