// Types for the tests that import scripts/bundle.mjs.
export function bundle(outfile: string, root?: string, entry?: string): Promise<void>;
export function useEsModulesAsIs(code: string): string;
