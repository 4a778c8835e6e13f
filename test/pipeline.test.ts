import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Testing, type TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadEnvironments } from "../src/config/load";
import { parsePlan, type Plan } from "../src/gate/plan";
import { driftMarkdown, stackDrift } from "../src/pipeline/drift";
import { unreviewedChanges } from "../src/pipeline/plan-compare";
import { findPlanTimeCode } from "../src/pipeline/plan-time-code";
import { runnerGroups, upstreamOf } from "../src/pipeline/runner-groups";
import { withEnvironments } from "../src/pipeline/stack-order";
import { addStacks } from "../stacks/app";
import { ENVIRONMENT_NAMES, testApp } from "./helpers/synth";

/** Every stack of every environment, synthesized once: name → Terraform JSON. */
let cached: { json: Record<string, any>; dependencies: Record<string, string[]> } | undefined;
function allStacks(): { json: Record<string, any>; dependencies: Record<string, string[]> } {
  if (cached) return cached;
  const app = testApp();
  addStacks(app, loadEnvironments("environments"));
  const stacks = app.node.children as TerraformStack[];
  for (const s of stacks) s.prepareStack();
  cached = {
    json: Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s))])),
    dependencies: Object.fromEntries(stacks.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)])),
  };
  return cached;
}

const fixture = (name: string): Plan => parsePlan(readFileSync(`test/fixtures/plans/${name}/plan.json`, "utf8"), name);

describe("runner groups", () => {
  const manifest = {
    stacks: {
      "prod-core": { dependencies: [], environment: "prod" },
      "prod-cluster": { dependencies: ["prod-core"], environment: "prod" },
      "prod-edge": { dependencies: ["prod-cluster"], environment: "prod" },
      "prod-platform": { dependencies: ["prod-cluster"], environment: "prod" },
      "prod-apps": { dependencies: ["prod-platform", "prod-edge"], environment: "prod" },
      "prod-report": { dependencies: ["prod-apps"], environment: "prod" },
    },
  };
  const providers = {
    "prod-core": ["aws"],
    "prod-cluster": ["aws"],
    "prod-edge": ["aws"],
    "prod-platform": ["aws", "helm", "kubernetes"],
    "prod-apps": ["kubernetes"],
    "prod-report": ["aws"],
  };

  it("plans Kubernetes stacks, and every AWS-only stack after one, on the in-VPC runner", () => {
    expect(runnerGroups(manifest, providers, "prod")).toEqual({
      github: ["prod-core", "prod-cluster", "prod-edge"],
      vpc: ["prod-platform", "prod-apps", "prod-report"],
    });
  });

  it("knows every stack a stack reads, directly or not", () => {
    expect(upstreamOf(manifest, "prod-apps")).toEqual(["prod-cluster", "prod-core", "prod-edge", "prod-platform"]);
    expect(upstreamOf(manifest, "prod-core")).toEqual([]);
  });

  it("puts the synthesized stacks that use Kubernetes or Helm in the in-VPC group, and the runner's own stack before them", () => {
    const { json, dependencies } = allStacks();
    const synthesized = withEnvironments(
      { stacks: Object.fromEntries(Object.entries(dependencies).map(([name, d]) => [name, { dependencies: d }])) },
      (name) => json[name],
    );
    const providerNames = Object.fromEntries(Object.entries(json).map(([name, j]) => [name, Object.keys(j.provider ?? {})]));
    for (const env of ENVIRONMENT_NAMES) {
      const groups = runnerGroups(synthesized, providerNames, env);
      expect(groups.github).toContain(`${env}-cluster`); // holds the runner: fixable from GitHub-hosted runners
      expect(groups.vpc).toContain(`${env}-platform`);
      for (const name of groups.github) expect(providerNames[name]).toEqual(["aws"]);
    }
  });
});

describe("plan-time code", () => {
  const clean = {
    terraform: { required_providers: { aws: {}, kubernetes: {} } },
    provider: {
      aws: [{}],
      kubernetes: [
        {
          exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", "x"] },
        },
      ],
    },
  };

  it("accepts the stacks as synthesized", () => {
    expect(findPlanTimeCode("x", clean)).toEqual([]);
    for (const [name, json] of Object.entries(allStacks().json)) expect(findPlanTimeCode(name, json), name).toEqual([]);
  });

  it("refuses external data sources, provisioners, post-renderers, modules and unknown providers", () => {
    const bad = {
      terraform: { required_providers: { aws: {}, external: {}, http: {} } },
      data: { external: { leak: { program: ["sh", "-c", "env"] } } },
      resource: {
        terraform_data: { x: { provisioner: [{ "local-exec": { command: "curl" } }] } },
        helm_release: { r: { postrender: { binary_path: "./x" } } },
      },
      module: { m: { source: "git::https://example.com/m.git" } },
    };
    expect(
      findPlanTimeCode("s", bad)
        .map((p) => p.address)
        .sort(),
    ).toEqual(["data.external.leak", "helm_release.r.postrender", "module.m", "provider.external", "provider.http", "terraform_data.x"]);
  });

  it("refuses an exec credential plugin other than aws eks get-token, at any depth", () => {
    const helm = { provider: { helm: [{ kubernetes: { exec: { command: "sh", args: ["-c", "env"] } } }] } };
    expect(findPlanTimeCode("s", helm)).toEqual([expect.objectContaining({ address: "provider.helm[0].kubernetes.exec" })]);
    const sneaky = { provider: { kubernetes: [{ exec: [{ command: "aws", args: ["s3", "cp"] }] }] } };
    expect(findPlanTimeCode("s", sneaky)).toHaveLength(1);
  });
});

describe("re-plan comparison", () => {
  it("accepts a re-plan with the same changes and lists every action nobody reviewed", () => {
    expect(unreviewedChanges(fixture("replace"), fixture("replace"))).toEqual([]);
    const differences = unreviewedChanges(fixture("update"), fixture("replace"));
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.some((d) => /replace \(reviewed: update\)|replace \(not in the reviewed plan\)/.test(d))).toBe(true);
    expect(unreviewedChanges(fixture("delete"), fixture("no-op")).every((d) => d.includes("no longer changes"))).toBe(true);
  });
});

describe("drift", () => {
  it("reports changes made outside Terraform as drift", () => {
    const drift = stackDrift("dev-core", fixture("drift"));
    expect(drift.drifted.length).toBeGreaterThan(0);
    expect(driftMarkdown("dev", [drift])).toMatch(/Changed outside Terraform in `dev`: `dev-core`/);
  });

  it("does not call merged but unapplied changes drift", () => {
    const pending = stackDrift("dev-core", fixture("update"));
    expect(pending.drifted).toEqual([]);
    expect(pending.pending.length).toBeGreaterThan(0);
    const markdown = driftMarkdown("dev", [pending]);
    expect(markdown).toMatch(/^No drift in `dev`\./);
    expect(markdown).toMatch(/Merged, not yet applied \(not drift\)/);
  });
});

describe("provider lock files", () => {
  const required = () =>
    Object.fromEntries(
      Object.entries(allStacks().json).map(([name, j]) => [name, j.terraform.required_providers as Record<string, { version: string }>]),
    );

  it("pin, for every stack that has one, exactly the provider versions the stack requires", () => {
    for (const file of readdirSync("locks")) {
      const stack = file.replace(/\.terraform\.lock\.hcl$/, "");
      expect(required()[stack], `${file} belongs to no synthesized stack`).toBeDefined();
      const locked = Object.fromEntries(
        [
          ...readFileSync(`locks/${file}`, "utf8").matchAll(
            /provider "registry\.terraform\.io\/hashicorp\/(\w+)" \{\s*version\s*=\s*"([^"]+)"/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      expect(locked, file).toEqual(Object.fromEntries(Object.entries(required()[stack]!).map(([name, p]) => [name, p.version])));
    }
  });

  it("exist for every AWS-only stack (Kubernetes and Helm stacks need a lock made with network access)", () => {
    for (const [stack, providers] of Object.entries(required())) {
      if (Object.keys(providers).every((p) => p === "aws"))
        expect(existsSync(`locks/${stack}.terraform.lock.hcl`), `${stack}: npm run synth && scripts/ci/lock-providers.sh ${stack}`).toBe(
          true,
        );
    }
  });
});

describe("scripts/ci/terraform.sh", () => {
  /**
   * A workspace with three stacks (a-core ← a-cluster ← a-platform), lock files, the repository's
   * scripts, and a stand-in terraform (test/fixtures/fake-terraform) that logs every call.
   */
  function workspace(options: { locks?: string[] } = {}) {
    const dir = mkdtempSync(join(tmpdir(), "sparki-tfsh-"));
    for (const link of ["scripts", "src", "node_modules", "package.json", "tsconfig.json"]) symlinkSync(resolve(link), join(dir, link));
    const stacks = { "a-core": [], "a-cluster": ["a-core"], "a-platform": ["a-cluster"] } as Record<string, string[]>;
    const manifest = {
      stacks: Object.fromEntries(
        Object.entries(stacks).map(([name, dependencies]) => [name, { dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }]),
      ),
    };
    mkdirSync(join(dir, "locks"));
    for (const name of Object.keys(stacks)) {
      mkdirSync(join(dir, "cdktf.out/stacks", name), { recursive: true });
      writeFileSync(join(dir, "cdktf.out/stacks", name, "cdk.tf.json"), JSON.stringify({ provider: { aws: [{}] } }));
      if (options.locks?.includes(name) ?? true) writeFileSync(join(dir, "locks", `${name}.terraform.lock.hcl`), `# lock of ${name}\n`);
    }
    writeFileSync(join(dir, "cdktf.out/manifest.json"), JSON.stringify(manifest));
    mkdirSync(join(dir, "state"));
    const log = join(dir, "terraform.log");
    const run = (args: string[], extra: Record<string, string> = {}) => {
      const result = spawnSync("bash", ["scripts/ci/terraform.sh", ...args], {
        cwd: dir,
        encoding: "utf8",
        env: {
          ...process.env,
          PATH: `${resolve("test/fixtures/fake-terraform")}:${process.env.PATH}`,
          FAKE_TF_LOG: log,
          FAKE_TF_STATE: join(dir, "state"),
          ...extra,
        },
      });
      return { ...result, calls: existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [] };
    };
    /** What `plan` leaves for `apply` (tested above): each stack's reviewed saved plan and its JSON. */
    const reviewedPlans = (...names: string[]) => {
      mkdirSync(join(dir, "plans"));
      for (const name of names) {
        writeFileSync(join(dir, "plans", `${name}.tfplan`), `saved plan of ${name}\n`);
        cpSync("test/fixtures/fake-terraform/empty-plan.json", join(dir, "plans", `${name}.plan.json`));
      }
    };
    return { dir, run, reviewedPlans };
  }

  it("stops with the command to run when a stack has no committed lock file", () => {
    const { run } = workspace({ locks: ["a-core"] });
    const result = run(["preview", "a", "plans", "a-core", "a-cluster"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("a-cluster has no provider lock file (locks/a-cluster.terraform.lock.hcl)");
    expect(result.stderr).toContain("scripts/ci/lock-providers.sh a-cluster");
  });

  it("initialises with the committed lock file read-only; plans pull requests without the state lock and deploys with it", () => {
    const { dir, run } = workspace();
    const preview = run(["preview", "a", "plans", "a-core"]);
    expect(preview.status, preview.stderr).toBe(0);
    expect(readFileSync(join(dir, "cdktf.out/stacks/a-core/.terraform.lock.hcl"), "utf8")).toBe("# lock of a-core\n");
    expect(preview.calls).toContain("a-core init -input=false -no-color -lockfile=readonly");
    expect(preview.calls.find((c) => c.startsWith("a-core plan"))).toMatch(/ -lock=false /);
    const deploy = run(["plan", "a", "plans", "a-core"]);
    expect(deploy.calls.slice(preview.calls.length).find((c) => c.startsWith("a-core plan"))).toMatch(/ -lock=true /);
  });

  it("applies stack by stack and re-plans, compares and gates only the dependants of a stack whose outputs changed", () => {
    const { run, reviewedPlans } = workspace();
    reviewedPlans("a-core", "a-cluster", "a-platform");
    const apply = run(["apply", "a", "plans", "a-core", "a-cluster", "a-platform"], { FAKE_TF_CHANGES_OUTPUTS: "a-cluster" });
    expect(apply.status, apply.stderr).toBe(0);
    const steps = apply.calls.filter((c) => / (plan|apply) /.test(`${c} `)).map((c) => c.split(" ").slice(0, 2).join(" "));
    expect(steps).toEqual(["a-core apply", "a-cluster apply", "a-platform plan", "a-platform apply"]);
    expect(apply.calls.find((c) => c.startsWith("a-core apply"))).toMatch(/plans\/a-core\.tfplan$/);
    expect(apply.calls.find((c) => c.startsWith("a-platform plan"))).toMatch(/-lock=true .*a-platform\.replan\.tfplan/);
    expect(apply.calls.find((c) => c.startsWith("a-platform apply"))).toMatch(/plans\/a-platform\.replan\.tfplan$/);
    expect(apply.stdout).toContain("a-cluster changed its outputs: re-planning a-platform");
    expect(apply.stdout).toContain("The re-plan makes the same changes as the reviewed plan.");
  });

  it("keeps errored.tfstate of a failed apply and stops there", () => {
    const { dir, run, reviewedPlans } = workspace();
    reviewedPlans("a-core", "a-cluster");
    const apply = run(["apply", "a", "plans", "a-core", "a-cluster"], { FAKE_TF_FAILS: "a-core" });
    expect(apply.status).toBe(1);
    expect(readFileSync(join(dir, "plans/a-core.errored.tfstate"), "utf8")).toBe("state of a-core\n");
    expect(apply.calls.some((c) => c.startsWith("a-cluster apply"))).toBe(false);
  });
});
