import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_FLAGS, VERB_FLAGS } from "../src/release/cli";
import { acceptedFlags, checkRunbook, headingSlug, shellModes, type Repository } from "./helpers/runbook-commands";

const ROOT = join(__dirname, "..");
const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(path) : entry.name.endsWith(".md") ? [path] : [];
  });

const repo: Repository = {
  npmScripts: JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts,
  exists: (path) => existsSync(join(ROOT, path)),
  read: (path) => readFileSync(join(ROOT, path), "utf8"),
  bins: new Set(readdirSync(join(ROOT, "node_modules", ".bin"))),
  releaseVerbs: VERB_FLAGS,
  releaseCommonFlags: COMMON_FLAGS,
};

describe("runbooks name only commands that exist, with flags their CLIs accept", () => {
  const runbooks = markdownFiles(join(ROOT, "runbooks")).map((path) => relative(ROOT, path));

  it.each(runbooks)("%s", (file) => {
    expect(checkRunbook(file, repo.read(file), repo)).toEqual([]);
  });

  it("the runbooks README lists every runbook at the top level", () => {
    const index = repo.read("runbooks/README.md");
    const topLevel = runbooks
      .filter((f) => /^runbooks\/[^/]+\.md$/.test(f) && f !== "runbooks/README.md")
      .map((f) => f.slice("runbooks/".length));
    expect(topLevel.filter((name) => !index.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("the runbook checker", () => {
  const problems = (markdown: string) => checkRunbook("sample.md", markdown, repo).map((p) => p.problem);

  it("reports an npm script package.json does not define", () => {
    expect(problems("run `npm run deploy`")).toEqual([expect.stringContaining('no npm script "deploy"')]);
  });

  it("reports a release verb or flag the release CLI rejects, and accepts a valid one", () => {
    expect(problems("`npm run release -- shift prod engine --percent 5`")).toEqual([expect.stringContaining("does not accept --percent")]);
    expect(problems("`npm run release -- undo prod engine`")).toEqual([expect.stringContaining('no verb "undo"')]);
    expect(problems("`npm run release -- promote prod`")).toEqual([expect.stringContaining("needs a workload")]);
    expect(problems("```sh\nnpm run release -- watch $ENV engine --polls 3 \\\n  --window 5   # judge it\n```")).toEqual([]);
  });

  it("reports a gate flag scripts/gate.ts does not parse", () => {
    expect(problems("`npm run gate -- plan.json --allow gate-allow.yaml`")).toEqual([]);
    expect(problems("`npm run gate -- plan.json --force`")).toEqual([expect.stringContaining("does not accept --force")]);
  });

  it("reports a terraform.sh mode that does not exist or missing arguments", () => {
    expect(problems("`scripts/ci/terraform.sh deploy prod plans`")).toEqual([expect.stringContaining('no mode "deploy"')]);
    expect(problems("`scripts/ci/terraform.sh plan prod`")).toEqual([
      expect.stringContaining("needs <mode> <environment> <plans directory>"),
    ]);
    expect(problems("`scripts/ci/terraform.sh rollout prod plans prod-core`")).toEqual([]);
  });

  it("reports missing paths, missing anchors and unpinned npx tools", () => {
    expect(problems("see `scripts/ci/restore.sh`")).toEqual([expect.stringContaining("does not exist")]);
    expect(problems("see `runbooks/database.md#no-such-section`")).toEqual([expect.stringContaining("no heading with anchor")]);
    expect(problems("see `runbooks/database.md#point-in-time-recovery-pitr`")).toEqual([]);
    expect(problems("`npx cdktf deploy prod-core`")).toEqual([expect.stringContaining("not installed")]);
    expect(problems("`npx --package cdktf-cli cdktf deploy`")).toEqual([expect.stringContaining("exact version")]);
    expect(problems("`npx --package cdktf-cli@0.21.0 cdktf deploy`")).toEqual([]);
  });

  it("reads flags from the CLIs' own parsers", () => {
    expect([...acceptedFlags(repo.read("scripts/gate.ts"))].sort()).toEqual(["allow", "environment", "help", "markdown", "stack"]);
    expect(shellModes(repo.read("scripts/ci/terraform.sh"))).toEqual(new Set(["preview", "plan", "apply", "drift", "rollout"]));
    expect(headingSlug("Cut-over (replace the primary with a restored instance)")).toBe(
      "cut-over-replace-the-primary-with-a-restored-instance",
    );
  });
});
