/** Dependency order of an environment's stacks, read from cdktf's manifest.json. */

export interface ManifestStack {
  readonly dependencies: readonly string[];
  /**
   * The environment the stack belongs to. cdktf's manifest does not record it: `withEnvironments`
   * adds it from each stack's own JSON. A stack without one (a bootstrap stack) belongs to none.
   */
  readonly environment?: string;
}

export interface Manifest {
  readonly stacks: Record<string, ManifestStack>;
}

/**
 * The environment a synthesized stack belongs to: the `Environment` default tag of its AWS
 * provider, which every environment stack sets from its environment's name. Names are not
 * used, so `prod` never picks up `prod-eu-core`.
 */
export function environmentOfStack(stackJson: {
  provider?: { aws?: { default_tags?: { tags?: Record<string, string> }[] }[] };
}): string | undefined {
  return stackJson.provider?.aws?.[0]?.default_tags?.[0]?.tags?.Environment;
}

/** The manifest with every stack's environment, read from its synthesized JSON. */
export function withEnvironments<M extends Manifest>(manifest: M, stackJson: (name: string) => unknown): M {
  const stacks = Object.fromEntries(
    Object.entries(manifest.stacks).map(([name, stack]) => [
      name,
      { ...stack, environment: environmentOfStack(stackJson(name) as Parameters<typeof environmentOfStack>[0]) },
    ]),
  );
  return { ...manifest, stacks };
}

/**
 * The stacks that belong to `environment`, each after the stacks it depends on (ties by name,
 * so the order is stable). Dependencies outside the environment (none today) are left out.
 */
export function stacksInOrder(manifest: Manifest, environment: string): string[] {
  const members = Object.keys(manifest.stacks)
    .filter((name) => manifest.stacks[name].environment === environment)
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
