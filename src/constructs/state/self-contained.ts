import type { TerraformStack } from "cdktf";

/**
 * cdktf's `prepareStack` resolves every element of a stack once more, before synthesis, only to
 * discover direct references to other stacks' resources. Our stacks never make those (they read
 * each other through named outputs, see stacks/stack-outputs.ts), so they skip that pass, about
 * a fifth of synthesis. A test synthesizes every stack both ways and requires identical output,
 * so a direct cross-stack reference added by mistake fails the suite instead of resolving wrong.
 */
export function prepareWithoutCrossStackScan(stack: TerraformStack): void {
  (stack as unknown as { ensureBackendExists(): void }).ensureBackendExists();
}
