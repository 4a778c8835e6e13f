/** `release status`: per workload, what each colour runs, its traffic, the live colour and what is idle. */
import { COLOURS, WORKLOAD_NAMES, type Colour } from "../constructs/workloads/catalog";
import { idleColour, isoSeconds } from "./move";
import type { ReleasePolicy } from "./policy";
import { retireAllowedFrom } from "./retire";
import { isReleased, isRunning, type ReleaseFile, type WorkloadRelease } from "./schema";

export function renderStatus(environment: string, release: ReleaseFile, policy: ReleasePolicy): string {
  const steps = policy.canarySteps.length > 0 ? `${policy.canarySteps.join(" %, ")} %, then promote` : "none (promote directly)";
  const lines = [`${environment}: canary steps ${steps}; idle colour kept ${policy.retireAfterMinutes} min after a promotion`];
  for (const workload of WORKLOAD_NAMES) {
    const w = release[workload];
    const idle = idleColour(w);
    lines.push("", `${workload}  live ${w.live}${w.liveSince ? ` since ${w.liveSince}` : ""}`);
    for (const colour of COLOURS) {
      const role = colour === w.live ? "live" : "idle";
      lines.push(
        `  ${colour.padEnd(5)}  ${role}  traffic ${String(w.traffic[colour]).padStart(3)} %  replicas ` +
          `${String(w[colour].replicas).padEnd(4)}  image ${w[colour].image ?? "(none)"}`,
      );
    }
    lines.push(`  ${describeIdle(w, idle, policy)}`);
  }
  return lines.join("\n");
}

function describeIdle(w: WorkloadRelease, idle: Colour, policy: ReleasePolicy): string {
  if (!isReleased(w)) return "nothing released yet: `stage` puts the first image on the live colour";
  if (w.traffic[idle] > 0) return `canary in progress: ${idle} has ${w.traffic[idle]} % (watch, shift, promote or rollback)`;
  if (w[idle].image === null) return `idle: ${idle} has no image`;
  if (!isRunning(w[idle])) return `idle: ${idle} is retired (scaled to zero)`;
  const from = retireAllowedFrom(w, policy.retireAfterMinutes);
  return `idle: ${idle} runs without traffic${from ? `; retire allowed from ${isoSeconds(from)}` : ""}`;
}
