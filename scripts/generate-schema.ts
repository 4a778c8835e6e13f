// Writes environments/schema.json from the zod schema (`npm run schema`).
import { writeFileSync } from "node:fs";
import { environmentJsonSchema, JSON_SCHEMA_PATH } from "../src/config/json-schema";
import { toolArgs } from "../src/tool-args";

toolArgs({}, "usage: npm run schema");

writeFileSync(JSON_SCHEMA_PATH, environmentJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
