import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { lintWorkflows, WORKFLOWS_DIR } from "../src/pipeline/lint";
import { stacksInOrder } from "../src/pipeline/stack-order";

type Step = { uses?: string; run?: string; name?: string; id?: string; with?: Record<string, unknown> };
type Job = { needs?: string | string[]; uses?: string; steps?: Step[]; environment?: string; permissions?: Record<string, string>; concurrency?: { group: string; "cancel-in-progress": boolean }; with?: Record<string, unknown> };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

const files = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith(".yml"));
const workflow = (name: string) => parse(readFileSync(join(WORKFLOWS_DIR, name), "utf8")) as Workflow;
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const uses = (job: Job) => (job.steps ?? []).map((s) => s.uses ?? "");

describe("GitHub workflows", () => {
  it("pass actionlint", async () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(await lintWorkflows()).toEqual([]);
  });

  it("actionlint catches a broken workflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-wf-"));
    writeFileSync(join(dir, "bad.yml"), "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n");
    expect((await lintWorkflows(dir)).length).toBeGreaterThan(0);
  });

  it("pin every third-party action to a commit SHA", () => {
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const ref of [...uses(job), job.uses ?? ""].filter((u) => u && !u.startsWith("./"))) {
          expect(ref, `${file}: ${ref}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it("grant no permissions by default and OIDC tokens only to jobs that assume an AWS role", () => {
    for (const file of files) {
      const wf = workflow(file);
      expect(wf.permissions, file).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) {
        const assumesRole = uses(job).some((u) => u.startsWith("aws-actions/configure-aws-credentials")) || job.uses?.includes("terraform-environment.yml");
        expect(job.permissions?.["id-token"] === "write", `${file}:${name}`).toBe(Boolean(assumesRole));
        expect(Object.values(job.permissions ?? {}).filter((p) => p === "write").length, `${file}:${name}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it("pull requests: typecheck, lint, tests, synth with policy, cost diff, plan, checkov, gate and one comment", () => {
    const { jobs, on } = workflow("pull-request.yml");
    expect(on).toHaveProperty("pull_request");
    expect(runs(jobs.verify)).toMatch(/npm run typecheck[\s\S]*npm run lint[\s\S]*npm test[\s\S]*npm run synth/);
    expect(runs(jobs.cost)).toMatch(/cost-diff -- base\/cdktf\.out cdktf\.out/);
    expect(runs(jobs.plan)).toMatch(/scripts\/ci\/terraform\.sh plan/);
    expect(uses(jobs.plan).some((u) => u.startsWith("bridgecrewio/checkov-action"))).toBe(true);
    expect(jobs.plan.steps!.find((s) => s.uses?.startsWith("bridgecrewio/checkov-action"))!.with).toMatchObject({ framework: "terraform_plan" });
    expect(jobs.plan.environment).toMatch(/-plan$/); // read-only plan role
    expect(jobs.comment.needs).toEqual(["verify", "cost", "plan"]);
    expect(jobs.comment.permissions).toEqual({ "pull-requests": "write" });
  });

  it("main: applies dev, then staging, then prod, each from its reviewed plan, never two at once", () => {
    const { jobs, on } = workflow("deploy.yml");
    expect(on).toEqual({ push: { branches: ["main"] } });
    expect(jobs.dev.needs).toBe("verify");
    expect(jobs.staging.needs).toBe("dev");
    expect(jobs.prod.needs).toBe("staging");
    for (const env of ["dev", "staging", "prod"]) {
      expect(jobs[env].uses).toBe("./.github/workflows/terraform-environment.yml");
      expect(jobs[env].with).toEqual({ environment: env });
    }
    const environment = workflow("terraform-environment.yml").jobs;
    expect(environment.apply.needs).toBe("plan");
    expect(environment.apply.environment).toBe("${{ inputs.environment }}"); // required reviewers live here
    for (const job of [environment.plan, environment.apply]) {
      expect(job.concurrency).toEqual({ group: "terraform-${{ inputs.environment }}", "cancel-in-progress": false });
    }
    expect(uses(environment.apply).some((u) => u.startsWith("actions/download-artifact"))).toBe(true);
    expect(runs(environment.apply)).toMatch(/terraform\.sh apply[\s\S]*health-check\.sh/);
  });

  it("drift: a scheduled plan per environment that opens an issue", () => {
    const { jobs, on } = workflow("drift.yml");
    expect(on).toHaveProperty("schedule");
    expect(runs(jobs.drift)).toMatch(/terraform\.sh drift/);
    expect(jobs.drift.permissions).toMatchObject({ issues: "write" });
    expect(uses(jobs.drift).some((u) => u.startsWith("actions/github-script"))).toBe(true);
  });

  it("rollback: a manual re-deploy of an earlier commit through the same gate and approvals", () => {
    const { jobs, on } = workflow("rollback.yml");
    expect(on).toHaveProperty("workflow_dispatch");
    expect(jobs.rollback.uses).toBe("./.github/workflows/terraform-environment.yml");
    expect(jobs.rollback.with).toMatchObject({ ref: "${{ inputs.ref }}" });
  });

  it("shell scripts the workflows run are valid bash", () => {
    for (const script of ["scripts/ci/terraform.sh", "scripts/ci/health-check.sh", ".ci/run"]) {
      const check = spawnSync("bash", ["-n", script], { encoding: "utf8" });
      expect(check.stderr, script).toBe("");
      expect(check.status, script).toBe(0);
    }
  });
});

describe("stack order", () => {
  it("puts each stack after the stacks it depends on, and only the environment's own", () => {
    const manifest = {
      stacks: {
        "prod-apps": { dependencies: ["prod-platform", "prod-cluster"] },
        "prod-platform": { dependencies: ["prod-cluster"] },
        "prod-cluster": { dependencies: ["prod-core"] },
        "prod-core": { dependencies: [] },
        "dev-core": { dependencies: [] },
        "bootstrap-333333333333": { dependencies: [] },
      },
    };
    expect(stacksInOrder(manifest, "prod")).toEqual(["prod-core", "prod-cluster", "prod-platform", "prod-apps"]);
    expect(stacksInOrder(manifest, "dev")).toEqual(["dev-core"]);
  });

  it("refuses a dependency cycle", () => {
    const manifest = { stacks: { "x-a": { dependencies: ["x-b"] }, "x-b": { dependencies: ["x-a"] } } };
    expect(() => stacksInOrder(manifest, "x")).toThrow(/cycle/);
  });
});
