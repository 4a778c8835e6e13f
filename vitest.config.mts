import { defineConfig } from "vitest/config";

/**
 * The terraform layers (real `terraform validate` and `terraform test` runs, minutes of CPU)
 * have their own command, `npm run test:terraform` (vitest.terraform.config.mts); CI runs both.
 */
export const TERRAFORM_LAYERS = ["test/terraform-validate.test.ts", "test/terraform-test.test.ts"];
/** Tests that time themselves: they run in a fresh worker, so other files' heaps do not slow their GC. */
const TIMED = ["test/gate/performance.test.ts"];

export default defineConfig({
  test: {
    // Synthesis is CPU-bound; two workers match the CI machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    // Transformed test and source modules are kept under node_modules/ between runs, keyed by
    // content (a quarter of the suite's import time); no plugin of ours transforms anything else.
    experimental: { fsModuleCache: true },
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: ["**/node_modules/**", ...TERRAFORM_LAYERS, ...TIMED],
          setupFiles: ["test/setup/skip-token-stack-traces.ts"],
          globalSetup: ["test/setup/synthesis-bundle.ts"],
          // Test files share a worker's loaded modules instead of importing cdktf, the providers
          // and every construct again per file: that import was most of the suite's time. Tests
          // keep no state between files (each builds its own app).
          isolate: false,
        },
      },
      { extends: true, test: { name: "timed", include: TIMED } },
    ],
  },
});
