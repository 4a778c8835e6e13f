/** Dependency order of an environment's stacks, read from cdktf's manifest.json. */

export interface Manifest {
  readonly stacks: Record<string, { readonly dependencies: readonly string[] }>;
}

/**
 * Stacks named `<environment>-*`, each after the stacks it depends on (ties by name, so the
 * order is stable). Dependencies outside the environment (none today) are left out.
 */
export function stacksInOrder(manifest: Manifest, environment: string): string[] {
  const members = Object.keys(manifest.stacks)
    .filter((name) => name.startsWith(`${environment}-`))
    .sort();
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`stack dependency cycle through ${name}`);
    visiting.add(name);
    for (const dependency of [...manifest.stacks[name].dependencies].sort()) {
      if (members.includes(dependency)) visit(dependency);
    }
    visiting.delete(name);
    ordered.push(name);
  };
  members.forEach(visit);
  return ordered;
}
