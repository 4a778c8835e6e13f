/** `npm run release`: exit codes and messages, through the bundled script in a child process and (for the many usage errors) in-process. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIGEST_B, environmentsDir, fixtureText, release, releasesDir } from "./helpers";

const envs = environmentsDir();

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/release.ts", ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("release CLI", () => {
  it("exits 0 after an edit and prints the plan change and the next command", () => {
    const dir = releasesDir({ prod: "live-blue.yaml" });
    const run = cli("stage", "prod", "web", "--image", DIGEST_B, "--releases", dir, "--environments", envs);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("prod-apps: Helm release web-green created");
    expect(run.stdout).toContain("then: npm run release -- smoke prod web --base-url <edge URL>");
    expect(readFileSync(join(dir, "prod.yaml"), "utf8")).toContain(`green: { image: "${DIGEST_B}", replicas: auto }`);
  });

  it("exits 1 on a refused move, says why and how to fix it, and writes nothing", () => {
    const dir = releasesDir({ prod: "staged-green.yaml" });
    const run = cli("promote", "prod", "web", "--releases", dir, "--environments", envs);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refused: .*canary steps 10 %, 50 %.*\n {2}fix: /);
    expect(run.stdout).toBe("");
    expect(readFileSync(join(dir, "prod.yaml"), "utf8")).toBe(fixtureText("staged-green.yaml"));
  });

  it("exits 2 on a usage error, with the message and the usage on stderr", () => {
    const run = cli("shift", "prod", "web", "--force");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--force'");
    expect(run.stderr).toContain("usage: npm run release -- <verb> <environment> [<workload>] [flags]");
  });

  it("rejects every malformed command line with exit 2 and a clear message, writing nothing", async () => {
    const dir = releasesDir({ prod: "staged-green.yaml" });
    const where = ["--releases", dir, "--environments", envs];
    const cases: [string[], RegExp][] = [
      [[], /missing verb/],
      [["deploy", "prod", "web", ...where], /unknown verb "deploy"/],
      [["shift", "prod", "web", "--force", ...where], /Unknown option '--force'/],
      [["shift", "prod", "web", "--image", DIGEST_B, ...where], /--image does not apply to shift/],
      [["stage", "prod", "web", ...where, "--image"], /--image.*argument missing/],
      [["stage", "prod", "web", ...where], /stage needs --image/],
      [["shift", "prod", "api", ...where], /unknown workload "api"; workloads: web, engine/],
      [["shift", "prod", ...where], /shift needs a workload/],
      [["shift", "qa", "web", ...where], /environments\/qa\.yaml|qa\.yaml {2}\(whole file\)[\s\S]*no such environment file/],
      [["shift", "prod", "web", "--to", "100", ...where], /--to 100: a whole percent from 1 to 99/],
      [["retire", "prod", "web", "--now", "yesterday", ...where], /--now yesterday: an ISO 8601 time/],
    ];
    for (const [args, message] of cases) {
      const run = await release(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
    }
    expect(readFileSync(join(dir, "prod.yaml"), "utf8")).toBe(fixtureText("staged-green.yaml"));
  });
});
