/**
 * cdktf records a stack trace of unlimited depth for every token it creates, only to decorate
 * error messages; under the test runner's deep stacks that was a large share of each in-process
 * synthesis. The synthesis bundle drops them the same way (scripts/bundle.mjs). What a stack
 * synthesizes never depends on them, and construct metadata traces stay off (`stackTraces: false`).
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";

// The project's own cdktf, the module instance the tests load (vitest runs from the project root).
const projectRequire = createRequire(resolve("package.json"));
const stackTrace = projectRequire("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
stackTrace.captureStackTrace = () => ["stack trace not recorded in tests (test/setup/skip-token-stack-traces.ts)"];
