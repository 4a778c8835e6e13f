/**
 * What the next Terraform plan will change after an edit of the release file: the listener
 * weights in `<env>-edge`, the per-colour Helm releases in `<env>-apps`. Printed by the CLI so
 * the person (or pipeline) applying knows which stack to expect a diff in.
 */
import { COLOURS, colourName, targetGroupName, type WorkloadName } from "../constructs/workloads/catalog";
import type { WorkloadRelease } from "./schema";

export interface PlanChange {
  /** The stack whose plan shows the change, e.g. `prod-edge`. */
  readonly stack: string;
  readonly change: string;
}

export function planChanges(environment: string, workload: WorkloadName, before: WorkloadRelease, after: WorkloadRelease): PlanChange[] {
  const changes: PlanChange[] = [];
  const apps = `${environment}-apps`;
  for (const colour of COLOURS) {
    const was = before[colour];
    const now = after[colour];
    const release = `Helm release ${colourName(workload, colour)}`;
    if (was.image === null && now.image !== null) changes.push({ stack: apps, change: `${release} created with image ${now.image}` });
    else if (was.image !== now.image && now.image !== null)
      changes.push({
        stack: apps,
        change: `${release} image ${was.image} → ${now.image}${was.replicas === 0 ? ", scaled up (replicas auto)" : ""}`,
      });
    else if (was.replicas !== now.replicas)
      changes.push({ stack: apps, change: now.replicas === 0 ? `${release} scaled to zero` : `${release} scaled up (replicas auto)` });
  }
  const weights = COLOURS.filter((c) => before.traffic[c] !== after.traffic[c]).map(
    (c) => `${targetGroupName(environment, workload, c)} ${before.traffic[c]} → ${after.traffic[c]}`,
  );
  if (weights.length > 0) changes.push({ stack: `${environment}-edge`, change: `listener weights: ${weights.join(", ")}` });
  return changes;
}
