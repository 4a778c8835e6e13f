import type { Construct } from "constructs";
import { WORKLOAD_NAMES, type WorkloadName } from "../workloads/catalog";
import { ContainerRepository } from "./container-repository";

/** ECR repository of a workload's container images. */
export const imageRepositoryName = (workload: WorkloadName) => `sparki/${workload}`;
/** ECR repository of a workload's Helm chart (OCI artifacts). */
export const chartRepositoryName = (workload: WorkloadName) => `sparki/charts/${workload}`;

export interface WorkloadRepositoriesProps {
  /** KMS key the images and charts are encrypted with. */
  readonly kmsKeyArn: string;
  /** `prevent_destroy` on every repository. */
  readonly preventDestroy: boolean;
}

/**
 * An image and a chart repository for every workload of the catalog (`WORKLOAD_NAMES`), with
 * construct IDs `<workload>-image-repository` / `<workload>-chart-repository` directly under
 * `scope` (a function, not a construct, so the addresses gain no parent). Keyed by repository name.
 */
export function addWorkloadRepositories(scope: Construct, props: WorkloadRepositoriesProps): Record<string, ContainerRepository> {
  const repositories: Record<string, ContainerRepository> = {};
  for (const workload of WORKLOAD_NAMES) {
    const kinds = [
      ["image", imageRepositoryName(workload)],
      ["chart", chartRepositoryName(workload)],
    ] as const;
    for (const [kind, name] of kinds) {
      repositories[name] = new ContainerRepository(scope, `${workload}-${kind}-repository`, {
        name,
        kmsKeyArn: props.kmsKeyArn,
        preventDestroy: props.preventDestroy,
      });
    }
  }
  return repositories;
}
