import { defineConfig } from "vitest/config";
import { TERRAFORM_LAYERS } from "./vitest.config.mts";

/** `npm run test:terraform`: the terraform validate and terraform test layers (see README). */
export default defineConfig({
  test: {
    include: TERRAFORM_LAYERS,
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
