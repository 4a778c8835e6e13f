/** Runs the release CLI in-process against fixture files copied into a temporary directory. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { parseDocument } from "yaml";
import { runRelease, type ReleaseIo } from "../../src/release/cli";

export const DIGEST_A = `sha256:${"a".repeat(64)}`;
export const DIGEST_B = `sha256:${"b".repeat(64)}`;
export const DIGEST_C = `sha256:${"c".repeat(64)}`;
const FIXTURES = "test/fixtures/releases";

/**
 * Environment files with their release rules pinned: prod (production) canaries at 10 % and
 * 50 % and keeps the old colour 60 minutes; dev (development) has no steps and a 30-minute hold.
 */
export function environmentsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-release-env-"));
  const rules = { prod: { canarySteps: [10, 50], retireAfterMinutes: 60 }, dev: { canarySteps: [], retireAfterMinutes: 30 } };
  for (const [name, release] of Object.entries(rules)) {
    const doc = parseDocument(readFileSync(`environments/${name}.yaml`, "utf8"));
    doc.set("release", release);
    writeFileSync(join(dir, `${name}.yaml`), doc.toString());
  }
  return dir;
}

/** A releases directory holding `fixture` as `<environment>.yaml`. */
export function releasesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-releases-"));
  for (const [environment, fixture] of Object.entries(files)) copyFileSync(join(FIXTURES, fixture), join(dir, `${environment}.yaml`));
  return dir;
}

export function fixtureText(fixture: string): string {
  return readFileSync(join(FIXTURES, fixture), "utf8");
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function release(args: readonly string[], io: Partial<ReleaseIo> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runRelease(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date("2026-11-29T12:00:00Z"),
    sleep: async () => {},
    cloudWatch: (region) => new CloudWatchClient({ region, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
    terraformOutputs: () => {
      throw new Error("no terraform in tests");
    },
    ...io,
  });
  return { code, stdout, stderr };
}
