import type { App } from "cdktf";
import { stateRegion } from "../src/config/load";
import type { EnvironmentConfig } from "../src/config/schema";
import { UNRELEASED } from "../src/release/load";
import type { ReleaseFile } from "../src/release/schema";
import { BootstrapStack } from "./bootstrap-stack";
import { ClusterStack } from "./cluster-stack";
import { CoreStack } from "./core-stack";
import { AppsStack } from "./apps-stack";
import { EdgeStack } from "./edge-stack";
import { ObservabilityStack } from "./observability-stack";
import { ResilienceStack } from "./resilience-stack";
import { PlatformStack } from "./platform-stack";

export interface StackOptions {
  /** Synthesize bootstrap stacks with local state, for their first apply. @default false */
  readonly bootstrapLocalState?: boolean;
  /** Release state per environment name (releases/<env>.yaml). @default nothing released */
  readonly releases?: ReadonlyMap<string, ReleaseFile>;
}

/** An environment's release state, or the unreleased state when none was loaded. */
export function releaseOf(options: StackOptions, environment: string): ReleaseFile {
  return options.releases?.get(environment) ?? UNRELEASED;
}

/** Adds every stack of every environment to the app, plus one bootstrap stack per account. */
export function addStacks(app: App, environments: readonly EnvironmentConfig[], options: StackOptions = {}): void {
  const accounts = new Map<string, EnvironmentConfig[]>();
  for (const env of environments) {
    accounts.set(env.account.id, [...(accounts.get(env.account.id) ?? []), env]);
  }
  for (const [accountId, envs] of accounts) {
    new BootstrapStack(app, {
      accountId,
      region: stateRegion(envs[0]),
      environments: envs.map((e) => ({ name: e.name, githubRepository: e.ci.githubRepository })),
      localState: options.bootstrapLocalState,
    });
  }
  for (const env of environments) {
    const core = new CoreStack(app, env);
    const cluster = new ClusterStack(app, env, core);
    const release = releaseOf(options, env.name);
    const platform = new PlatformStack(app, env, { core, cluster });
    new ObservabilityStack(app, env, { core, platform });
    const edge = new EdgeStack(app, env, { core, release });
    new AppsStack(app, env, { core, cluster, platform, edge }, release);
    new ResilienceStack(app, env, { core, cluster, edge });
  }
}
