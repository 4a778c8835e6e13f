/** Each release verb's happy path and refusals, on fixture files, through the CLI entry point. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { DIGEST_A, DIGEST_B, DIGEST_C, environmentsDir, fixtureText, release, releasesDir } from "./helpers";

const envs = environmentsDir();

/** Runs a verb against `fixture` installed as `environment`'s release file. */
async function on(environment: string, fixture: string, ...args: string[]) {
  const dir = releasesDir({ [environment]: fixture });
  const run = await release([...args, "--releases", dir, "--environments", envs]);
  const text = readFileSync(join(dir, `${environment}.yaml`), "utf8");
  return { ...run, text, web: parse(text).web };
}

/** The fixture with one line of `web` replaced: what an edit of that one field must write. */
function fixtureWith(fixture: string, replacements: [string, string][]): string {
  let text = fixtureText(fixture);
  for (const [from, to] of replacements) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

describe("release stage", () => {
  it("puts the first image on the live colour and keeps comments, layout and order", async () => {
    const run = await on("dev", "unreleased.yaml", "stage", "dev", "web", "--image", "1.4");
    expect(run.code).toBe(0);
    expect(run.text).toBe(
      fixtureWith("unreleased.yaml", [
        [
          "  blue: { image: null, replicas: auto } # first image goes here",
          '  blue: { image: "1.4", replicas: auto } # first image goes here',
        ],
      ]),
    );
    expect(run.stdout).toContain("dev-apps: Helm release web-blue created with image 1.4");
    expect(run.stdout).not.toContain("dev-edge");
  });

  it("puts a new image on the idle colour, without traffic", async () => {
    const run = await on("prod", "live-blue.yaml", "stage", "prod", "web", "--image", DIGEST_B);
    expect(run.code).toBe(0);
    expect(run.text).toBe(
      fixtureWith("live-blue.yaml", [
        ["  green: { image: null, replicas: auto }\n  traffic", `  green: { image: "${DIGEST_B}", replicas: auto }\n  traffic`],
      ]),
    );
    expect(run.stdout).toContain("prod-apps: Helm release web-green created with image");
    expect(run.stdout).toContain("then: npm run release -- smoke prod web --base-url <edge URL>");
  });

  it("scales a retired colour back up with the new image", async () => {
    const run = await on("dev", "retired-green.yaml", "stage", "dev", "web", "--image", DIGEST_C);
    expect(run.code).toBe(0);
    expect(run.web.green).toEqual({ image: DIGEST_C, replicas: "auto" });
    expect(run.stdout).toContain(`web-green image ${DIGEST_B} → ${DIGEST_C}, scaled up`);
  });

  it("refuses a tag in production and writes nothing", async () => {
    const run = await on("prod", "live-blue.yaml", "stage", "prod", "web", "--image", "1.4.2");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"1\.4\.2" is a mutable tag and prod is a production environment/);
    expect(run.text).toBe(fixtureText("live-blue.yaml"));
  });

  it("refuses staging onto a colour that has traffic", async () => {
    const run = await on("prod", "canary-10.yaml", "stage", "prod", "web", "--image", DIGEST_C);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("green is not idle: it has 10 % of traffic");
    expect(run.text).toBe(fixtureText("canary-10.yaml"));
  });

  it("changes nothing when the idle colour already runs the image", async () => {
    const run = await on("prod", "staged-green.yaml", "stage", "prod", "web", "--image", DIGEST_B);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("nothing to change");
    expect(run.text).toBe(fixtureText("staged-green.yaml"));
  });
});

describe("release shift", () => {
  it("moves production to its first canary step: one weight change in the edge stack", async () => {
    const run = await on("prod", "staged-green.yaml", "shift", "prod", "web");
    expect(run.code).toBe(0);
    expect(run.text).toBe(
      fixtureWith("staged-green.yaml", [
        ["traffic: { blue: 100, green: 0 } # edge weights", "traffic: { blue: 90, green: 10 } # edge weights"],
      ]),
    );
    expect(run.stdout).toContain("prod-edge: listener weights: sparki-prod-web-blue 100 → 90, sparki-prod-web-green 0 → 10");
    expect(run.stdout).not.toContain("prod-apps");
    expect(run.stdout).toContain("npm run release -- watch prod web");
  });

  it("goes from 10 % to the next step, 50 %", async () => {
    const run = await on("prod", "canary-10.yaml", "shift", "prod", "web");
    expect(run.web.traffic).toEqual({ blue: 50, green: 50 });
    expect(run.stdout).toContain("npm run release -- promote prod web");
  });

  it("allows a share between steps but refuses one that skips a required step", async () => {
    expect((await on("prod", "canary-10.yaml", "shift", "prod", "web", "--to", "25")).web.traffic).toEqual({ blue: 75, green: 25 });
    const skip = await on("prod", "staged-green.yaml", "shift", "prod", "web", "--to", "50");
    expect(skip.code).toBe(1);
    expect(skip.stderr).toContain("--to 50 skips the required canary step of 10 %");
    expect(skip.text).toBe(fixtureText("staged-green.yaml"));
  });

  it("refuses traffic to a colour with no image or scaled to zero", async () => {
    const none = await on("prod", "live-blue.yaml", "shift", "prod", "web");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("the idle colour green has no image");
    const retired = await on("dev", "retired-green.yaml", "shift", "dev", "web", "--to", "20");
    expect(retired.code).toBe(1);
    expect(retired.stderr).toContain("the idle colour green is scaled to zero");
    expect(retired.text).toBe(fixtureText("retired-green.yaml"));
  });

  it("needs --to where the environment has no canary steps", async () => {
    const run = await on("dev", "staged-green.yaml", "shift", "dev", "web");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("this environment has no canary steps");
    expect((await on("dev", "staged-green.yaml", "shift", "dev", "web", "--to", "30")).web.traffic).toEqual({ blue: 70, green: 30 });
  });
});

describe("release promote", () => {
  it("refuses in production before the last canary step", async () => {
    for (const fixture of ["staged-green.yaml", "canary-10.yaml"]) {
      const run = await on("prod", fixture, "promote", "prod", "web");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("prod requires the canary steps 10 %, 50 % before a promotion");
      expect(run.text).toBe(fixtureText(fixture));
    }
  });

  it("sends all traffic to the new colour, which becomes live now", async () => {
    const dir = releasesDir({ prod: "canary-10.yaml" });
    await release(["shift", "prod", "web", "--releases", dir, "--environments", envs]);
    const run = await release(["promote", "prod", "web", "--releases", dir, "--environments", envs, "--now", "2026-11-30T08:15:00Z"]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "prod.yaml"), "utf8")).toBe(
      fixtureWith("canary-10.yaml", [
        [
          "traffic: { blue: 90, green: 10 } # edge weights\n  live: blue",
          'traffic: { blue: 0, green: 100 } # edge weights\n  live: green\n  liveSince: "2026-11-30T08:15:00Z"',
        ],
      ]),
    );
    expect(run.stdout).toContain("prod-edge: listener weights: sparki-prod-web-blue 50 → 0, sparki-prod-web-green 50 → 100");
    expect(run.stdout).toContain("from 2026-11-30T09:15:00Z: npm run release -- retire prod web");
  });

  it("promotes straight from a staged colour where no canary steps are required", async () => {
    const run = await on("dev", "staged-green.yaml", "promote", "dev", "web", "--now", "2026-11-30T08:15:00Z");
    expect(run.code).toBe(0);
    expect(run.web).toMatchObject({ traffic: { blue: 0, green: 100 }, live: "green", liveSince: "2026-11-30T08:15:00Z" });
  });

  it("refuses to promote a colour with no image", async () => {
    const run = await on("dev", "live-blue.yaml", "promote", "dev", "web");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the idle colour green has no image");
  });
});

describe("release rollback", () => {
  it("sends every request back to the live colour and changes only the edge weights", async () => {
    const run = await on("prod", "canary-10.yaml", "rollback", "prod", "web");
    expect(run.code).toBe(0);
    expect(run.text).toBe(fixtureWith("canary-10.yaml", [["traffic: { blue: 90, green: 10 }", "traffic: { blue: 100, green: 0 }"]]));
    expect(run.stdout).toContain("prod-edge: listener weights: sparki-prod-web-blue 90 → 100, sparki-prod-web-green 10 → 0");
    expect(run.stdout).not.toContain("prod-apps");
  });

  it("has nothing to do when the live colour holds all traffic", async () => {
    const run = await on("prod", "promoted.yaml", "rollback", "prod", "web");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("nothing to change: all traffic is already on the live colour green");
  });
});

describe("release retire", () => {
  it("refuses before the hold time since liveSince has passed", async () => {
    const run = await on("prod", "promoted.yaml", "retire", "prod", "web", "--now", "2026-11-29T10:59:59Z");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("until 2026-11-29T11:00:00Z");
    expect(run.text).toBe(fixtureText("promoted.yaml"));
  });

  it("scales the idle colour to zero once the hold time has passed", async () => {
    const run = await on("prod", "promoted.yaml", "retire", "prod", "web", "--now", "2026-11-29T11:00:00Z");
    expect(run.code).toBe(0);
    expect(run.text).toBe(
      fixtureWith("promoted.yaml", [
        [
          `blue: { image: "${DIGEST_A}", replicas: auto } # previous release`,
          `blue: { image: "${DIGEST_A}", replicas: 0 } # previous release`,
        ],
      ]),
    );
    expect(run.stdout).toContain("prod-apps: Helm release web-blue scaled to zero");
  });

  it("uses the environment's own hold time (dev: 30 minutes)", async () => {
    expect((await on("dev", "promoted.yaml", "retire", "dev", "web", "--now", "2026-11-29T10:29:00Z")).code).toBe(1);
    expect((await on("dev", "promoted.yaml", "retire", "dev", "web", "--now", "2026-11-29T10:30:00Z")).code).toBe(0);
  });

  it("refuses while the idle colour has traffic", async () => {
    const run = await on("prod", "canary-10.yaml", "retire", "prod", "web");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the idle colour green has 10 % of traffic");
  });
});

describe("release status", () => {
  it("shows each colour's image, replicas and weight, the live colour and what is idle", async () => {
    const run = await on("prod", "promoted.yaml", "status", "prod");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("prod: canary steps 10 %, 50 %, then promote");
    expect(run.stdout).toContain("web  live green since 2026-11-29T10:00:00Z");
    expect(run.stdout).toMatch(/ {2}blue {3}idle {2}traffic {3}0 % {2}replicas auto {2}image sha256:a{64}/);
    expect(run.stdout).toContain("idle: blue runs without traffic; retire allowed from 2026-11-29T11:00:00Z");
    expect(run.stdout).toContain("engine  live blue");
  });
});

describe("environments without a release file", () => {
  it("stage writes a new file in the usual shape", async () => {
    const dir = releasesDir({});
    const run = await release(["stage", "dev", "engine", "--image", "2.0.1", "--releases", dir, "--environments", envs]);
    expect(run.code).toBe(0);
    const written = parse(readFileSync(join(dir, "dev.yaml"), "utf8"));
    expect(written.engine.blue).toEqual({ image: "2.0.1", replicas: "auto" });
    expect(written.web.traffic).toEqual({ blue: 100, green: 0 });
  });
});
