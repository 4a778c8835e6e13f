import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { environmentJsonSchema, JSON_SCHEMA_PATH } from "../../src/config/json-schema";

describe("environments/schema.json", () => {
  it("is in sync with the zod schema (run `npm run schema` after changing it)", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(environmentJsonSchema());
  });

  it("forbids unknown keys, so editors flag typos as the loader does", () => {
    const schema = JSON.parse(environmentJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.database.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["tier", "account", "network", "database"]));
  });
});
