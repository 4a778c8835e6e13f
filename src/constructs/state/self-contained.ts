import type { TerraformStack } from "cdktf";

/**
 * cdktf's `prepareStack` resolves every element of a stack once more, before synthesis, only to
 * discover references to other stacks' resources. A stack that takes nothing from another stack
 * (it may still be read by others: their preparation adds its outputs) can skip that pass, which
 * is most of the cost of preparing the core and bootstrap stacks. A test synthesizes every stack
 * both ways and requires identical output.
 */
export function prepareWithoutCrossStackScan(stack: TerraformStack): void {
  (stack as unknown as { ensureBackendExists(): void }).ensureBackendExists();
}
