/**
 * Loads `releases/<env>.yaml` for each environment. A missing file means nothing is released
 * yet (so adding an environment stays one file). Production refuses mutable tags: the file is
 * checked against its environment's tier here, with the same file:line problems as the
 * environment files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { EnvironmentConfig } from "../config/schema";
import { ConfigError } from "../config/errors";
import type { Problem } from "../problems";
import { displayPath, readYamlFile, type FieldLocator } from "../config/yaml-file";
import { COLOURS, WORKLOAD_NAMES } from "../constructs/workloads/catalog";
import { IMAGE_DIGEST, releaseFileSchema, type ReleaseFile } from "./schema";

export const RELEASES_DIR = "releases";

/** The release state of an environment with no release file. */
export const UNRELEASED: ReleaseFile = releaseFileSchema.parse({});

export function releaseFilePath(directory: string, environment: string): string {
  return join(directory, `${environment}.yaml`);
}

/** Every environment's release state, by environment name; throws one ConfigError for all problems. */
export function loadReleases(directory: string, environments: readonly EnvironmentConfig[]): Map<string, ReleaseFile> {
  const releases = new Map<string, ReleaseFile>();
  const problems: Problem[] = [];
  for (const env of environments) {
    const result = loadRelease(directory, env);
    if ("problems" in result) problems.push(...result.problems);
    else releases.set(env.name, result.data);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return releases;
}

export function loadRelease(
  directory: string,
  env: Pick<EnvironmentConfig, "name" | "tier">,
): { data: ReleaseFile } | { problems: Problem[] } {
  const path = releaseFilePath(directory, env.name);
  if (!existsSync(path)) return { data: UNRELEASED };
  const result = readYamlFile(path, releaseFileSchema, "releases/README.md");
  if ("problems" in result) return result;
  const problems = tierProblems(result.data, env.tier, displayPath(path), result.locate);
  return problems.length > 0 ? { problems } : result;
}

/** Where a field is in a YAML file, for problems found after parsing. */
export type LineLocator = FieldLocator;

/** Production runs images by digest only: a tag can be moved to other content after review. */
export function tierProblems(release: ReleaseFile, tier: EnvironmentConfig["tier"], file: string, locate?: LineLocator): Problem[] {
  if (tier !== "production") return [];
  const problems: Problem[] = [];
  for (const workload of WORKLOAD_NAMES) {
    for (const colour of COLOURS) {
      const image = release[workload][colour].image;
      if (image !== null && !IMAGE_DIGEST.test(image)) {
        problems.push({
          file,
          ...locate?.([workload, colour, "image"]),
          path: `${workload}.${colour}.image`,
          value: image,
          message: "a mutable tag in a production environment",
          allowed: "an image digest sha256:<64 hex>",
          fix: "stage the image by its digest (npm run release -- stage --image sha256:…)",
        });
      }
    }
  }
  return problems;
}
