import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors";
import type { Problem } from "../../src/problems";
import { loadEnvironments } from "../../src/config/load";

type Edit = { set?: [(string | number)[], unknown][]; remove?: (string | number)[][] };

/** A copy of environments/<base>.yaml with edits applied, written into a fresh directory. */
function environmentsWith(files: Record<string, { base?: string; edit?: Edit; text?: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-env-"));
  for (const [name, spec] of Object.entries(files)) {
    let text = spec.text;
    if (text === undefined) {
      const doc = parseDocument(readFileSync(`environments/${spec.base ?? "dev"}.yaml`, "utf8"));
      for (const [path, value] of spec.edit?.set ?? []) doc.setIn(path, value);
      for (const path of spec.edit?.remove ?? []) doc.deleteIn(path);
      text = doc.toString();
    }
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function problemsOf(dir: string, only?: string[]): Problem[] {
  try {
    loadEnvironments(dir, { only });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error("expected the configuration to be rejected");
}

function problemAt(problems: Problem[], path: string): Problem {
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${problems.map((p) => p.path).join(", ")}`);
  return found;
}

describe("environment loader", () => {
  it("loads the committed environments with defaults filled in", () => {
    const envs = loadEnvironments("environments");
    expect(envs.map((e) => e.name)).toEqual(["dev", "prod", "staging"]);
    const prod = envs.find((e) => e.name === "prod")!;
    expect(prod.network.subnetPrefixLength).toEqual({ public: 24, private: 19, database: 24 });
    expect(prod.sourceFile).toBe(join("environments", "prod.yaml"));
  });

  it("rejects a misspelt key, suggests the right one and points at its line", () => {
    const dir = environmentsWith({
      "dev.yaml": { edit: { set: [[["network", "natGateway"], "single"]], remove: [["network", "natGateways"]] } },
    });
    const problems = problemsOf(dir);
    const unknown = problemAt(problems, "network.natGateway");
    expect(unknown.message).toMatch(/unknown key/);
    expect(unknown.fix).toMatch(/natGateways/);
    expect(unknown.allowed).toMatch(/availabilityZones/);
    expect(unknown.file).toMatch(/dev\.yaml$/);
    expect(unknown.line).toBeGreaterThan(1);
    expect(problemAt(problems, "network.natGateways").message).toMatch(/missing/);
  });

  it("rejects a wrong type and says which type is expected", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["database", "readReplicas"], "two"]] } } });
    const problem = problemAt(problemsOf(dir), "database.readReplicas");
    expect(problem.value).toBe("two");
    expect(problem.allowed).toMatch(/number/);
  });

  it("rejects an account id written as a number, telling to quote it", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["account", "id"], 111111111111]] } } });
    const problem = problemAt(problemsOf(dir), "account.id");
    expect(problem.fix).toMatch(/quote/);
  });

  it("rejects an out-of-range backup retention with the allowed range", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["database", "backupRetentionDays"], 45]] } } });
    const problem = problemAt(problemsOf(dir), "database.backupRetentionDays");
    expect(problem.value).toBe(45);
    expect(problem.allowed).toMatch(/30/);
  });

  it("rejects a log retention CloudWatch does not accept", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["network", "flowLogs", "retentionDays"], 10]] } } });
    const problem = problemAt(problemsOf(dir), "network.flowLogs.retentionDays");
    expect(problem.allowed).toMatch(/\b7, 14\b/);
  });

  it("rejects an environment name that puts a word Cognito reserves into the sign-in domain", () => {
    const dir = environmentsWith({ "amazon-lab.yaml": {} });
    const problem = problemAt(problemsOf(dir), "observability.logSearch.dashboardsSignIn");
    expect(problem.value).toBe("sparki-amazon-lab-logs-111111111111");
    expect(problem.message).toContain('"amazon"');
    expect(problem.allowed).toContain("aws, amazon, cognito");
  });

  it("accepts that name when the environment has no Dashboards sign-in", () => {
    const dir = environmentsWith({ "amazon-lab.yaml": { edit: { set: [[["observability", "logSearch", "dashboardsSignIn"], false]] } } });
    expect(loadEnvironments(dir).map((e) => e.observability.logSearch.dashboardsSignIn)).toEqual([false]);
  });

  it("suggests the nearest enum value for a typo", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["cache", "engine"], "valky"]] } } });
    expect(problemAt(problemsOf(dir), "cache.engine").fix).toMatch(/valkey/);
  });

  it("rejects node group sizes out of order", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["cluster", "nodeGroups", 0, "minSize"], 5]] } } });
    const problem = problemAt(problemsOf(dir), "cluster.nodeGroups[0]");
    expect(problem.allowed).toMatch(/minSize ≤ desiredSize ≤ maxSize/);
    expect(problem.value).toEqual({ minSize: 5, desiredSize: 2, maxSize: 3 });
  });

  it("rejects subnets that do not fit in the VPC", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["network", "vpcCidr"], "10.10.0.0/20"]] } } });
    const problem = problemAt(problemsOf(dir), "network.subnetPrefixLength");
    expect(problem.message).toMatch(/10\.10\.0\.0\/20/);
    expect(problem.fix).toMatch(/larger network\.vpcCidr/);
  });

  it("rejects a VPC CIDR with host bits set, naming the network address to use", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["network", "vpcCidr"], "10.10.0.1/16"]] } } });
    const problem = problemAt(problemsOf(dir), "network.vpcCidr");
    expect(problem.value).toBe("10.10.0.1/16");
    expect(problem.message).toMatch(/host bits are set/);
    expect(problem.fix).toBe("use the network address 10.10.0.0/16");
  });

  it.each([
    ["network", "vpcCidr", "10.300.0.0/16", /octet 300 is over 255/, /0 to 255/],
    ["network", "vpcCidr", "10.10.0.0/33", /prefix \/33 is over 32/, /\/0 to \/32/],
    ["edge", "previewSourceCidrs", "192.168.1.7/24", /host bits/, /192\.168\.1\.0\/24/],
  ])("fits the CIDR fix to the mistake: %s.%s %s", (section, field, cidr, message, fix) => {
    const value = field === "previewSourceCidrs" ? [cidr] : cidr;
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[[section, field], value]] } } });
    const problem = problemAt(problemsOf(dir), field === "previewSourceCidrs" ? `${section}.${field}[0]` : `${section}.${field}`);
    expect(problem.message).toMatch(message);
    expect(problem.fix).toMatch(fix);
  });

  it("rejects an availability zone outside the region and lists the valid ones", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["network", "availabilityZones", 1], "eu-west-1b"]] } } });
    const problem = problemAt(problemsOf(dir), "network.availabilityZones[1]");
    expect(problem.allowed).toMatch(/us-east-1a/);
  });

  it("rejects a public API endpoint open to the whole internet", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["cluster", "endpointPublicAccessCidrs"], ["0.0.0.0/0"]]] } } });
    expect(problemAt(problemsOf(dir), "cluster.endpointPublicAccessCidrs[0]").message).toMatch(/internet/);
  });

  it("rejects an alarm subscription that is not an email address or an https URL", () => {
    const dir = environmentsWith({
      "dev.yaml": {
        edit: {
          set: [
            [
              ["observability", "alarmSubscriptions"],
              [
                { protocol: "email", endpoint: "oncall" },
                { protocol: "https", endpoint: "http://pager.example/hook" },
              ],
            ],
          ],
        },
      },
    });
    const problems = problemsOf(dir);
    expect(problemAt(problems, "observability.alarmSubscriptions[0].endpoint").allowed).toMatch(/email/);
    expect(problemAt(problems, "observability.alarmSubscriptions[1].endpoint").allowed).toMatch(/https/);
  });

  it("rejects a Multi-AZ cache without a replica to fail over to", () => {
    const dir = environmentsWith({ "dev.yaml": { edit: { set: [[["cache", "multiAz"], true]] } } });
    expect(problemAt(problemsOf(dir), "cache.multiAz").fix).toMatch(/replicas/);
  });

  it("enforces production rules through the tier field, whatever the file is called", () => {
    const dir = environmentsWith({
      "live.yaml": {
        base: "dev",
        edit: { set: [[["tier"], "production"]] },
      },
    });
    const paths = problemsOf(dir).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "database.multiAz",
        "cache.multiAz",
        "deletionProtection",
        "network.availabilityZones",
        "network.natGateways",
        "observability.alarmSubscriptions",
      ]),
    );
  });

  it("requires a break-glass role outside sparki-* in the environment's account when deletion protection is on", () => {
    const missing = environmentsWith({ "staging.yaml": { base: "staging", edit: { remove: [["breakGlassRoleArn"]] } } });
    expect(problemAt(problemsOf(missing), "breakGlassRoleArn").message).toMatch(/deletionProtection is on/);
    const ciManaged = environmentsWith({
      "staging.yaml": { base: "staging", edit: { set: [[["breakGlassRoleArn"], "arn:aws:iam::222222222222:role/sparki-break-glass"]] } },
    });
    expect(problemAt(problemsOf(ciManaged), "breakGlassRoleArn").message).toMatch(/CI apply role/);
    const foreign = environmentsWith({
      "staging.yaml": { base: "staging", edit: { set: [[["breakGlassRoleArn"], "arn:aws:iam::999999999999:role/break-glass"]] } },
    });
    expect(problemAt(problemsOf(foreign), "breakGlassRoleArn").message).toMatch(/account 999999999999/);
  });

  it("requires a compliance-mode vault lock in the production tier", () => {
    const governance = environmentsWith({
      "prod.yaml": { base: "prod", edit: { remove: [["database", "backupVaultLock", "changeableForDays"]] } },
    });
    expect(problemAt(problemsOf(governance), "database.backupVaultLock").message).toMatch(/compliance mode/);
  });

  it("reports every problem in every file at once", () => {
    const dir = environmentsWith({
      "dev.yaml": {
        edit: {
          set: [
            [["database", "backupRetentionDays"], 1],
            [["budget", "monthlyUsd"], -5],
          ],
        },
      },
      "prod.yaml": { base: "prod", edit: { set: [[["database", "multiAz"], false]] } },
    });
    const problems = problemsOf(dir);
    expect(new Set(problems.map((p) => p.file?.replace(/.*\//, "")))).toEqual(new Set(["dev.yaml", "prod.yaml"]));
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it("reports malformed YAML with its line, the line as written and the key it sits under", () => {
    const dir = environmentsWith({ "dev.yaml": { text: "tier: development\naccount: [\n  id: 1\n" } });
    const [problem] = problemsOf(dir);
    expect(problem.message).toMatch(/YAML syntax on line 3 \(under account\.id\)/);
    expect(problem).toMatchObject({ line: 3, path: "account.id", value: "  id: 1" });
  });

  it("names the key of a tab-indented line", () => {
    const dir = environmentsWith({ "dev.yaml": { text: "network:\n  vpcCidr: 10.0.0.0/16\n\tnatGateways: single\n" } });
    const [problem] = problemsOf(dir);
    expect(problem.line).toBe(3);
    expect(problem.path).toBe("network.natGateways");
    expect(problem.message).toMatch(/Tabs/);
  });

  it("rejects a duplicate key naming both lines", () => {
    const base = readFileSync("environments/dev.yaml", "utf8");
    const tierLine = base.split("\n").findIndex((l) => l.startsWith("tier:")) + 1;
    const dir = environmentsWith({ "dev.yaml": { text: `${base}\ntier: production\n` } });
    const [problem] = problemsOf(dir);
    const lastLine = base.split("\n").length + 1;
    expect(problem.message).toBe(`key "tier" is given twice, on line ${tierLine} and line ${lastLine}; YAML would silently keep only one`);
    expect(problem).toMatchObject({ line: lastLine, path: "tier", value: "tier: production" });
  });

  it("tells a duplicate nested key from the same key under another parent", () => {
    const text = "cache:\n  multiAz: true\ndatabase:\n  multiAz: false\n  engineVersion: '17.5'\n  multiAz: true\n";
    const [problem] = problemsOf(environmentsWith({ "dev.yaml": { text } }));
    expect(problem.message).toMatch(/on line 4 and line 6/);
    expect(problem.path).toBe("database.multiAz");
  });

  it("says an empty file is empty, comments or not", () => {
    for (const text of ["", "# nothing yet\n\n"]) {
      const [problem] = problemsOf(environmentsWith({ "dev.yaml": { text } }));
      expect(problem.message).toBe("the file is empty");
    }
    expect(problemsOf(environmentsWith({ "dev.yaml": { text: "- a\n" } }))[0].message).toMatch(/mapping/);
  });

  it("names a requested environment that has no file and lists those that do", () => {
    const dir = environmentsWith({ "dev.yaml": {} });
    const [problem] = problemsOf(dir, ["qa"]);
    expect(problem.file).toMatch(/qa\.yaml$/);
    expect(problem.allowed).toMatch(/dev/);
  });

  it("reports a missing environments directory", () => {
    const [problem] = problemsOf(join(tmpdir(), "sparki-no-such-dir"));
    expect(problem.message).toMatch(/not found/);
  });

  it("rejects a file name too long for AWS resource names", () => {
    const dir = environmentsWith({ "production-europe.yaml": {} });
    expect(problemsOf(dir)[0].allowed).toMatch(/at most 12 characters/);
  });

  it("requires environments sharing an account to agree on the state bucket region", () => {
    const dir = environmentsWith({
      "dev.yaml": {},
      "qa.yaml": {
        edit: {
          set: [
            [["stateRegion"], "us-west-2"],
            [["tags", "CostCenter"], "sparki-qa"],
          ],
        },
      },
    });
    const problem = problemAt(problemsOf(dir), "stateRegion");
    expect(problem.file).toMatch(/qa\.yaml$/);
    expect(problem.allowed).toBe("us-east-1");
  });

  it("accepts a new environment file without any code change", () => {
    // The break-glass role names its account, so a copy into another account lists that account's role.
    const edits: [string[], unknown][] = [
      [["account", "id"], "444444444444"],
      [["breakGlassRoleArn"], "arn:aws:iam::444444444444:role/break-glass"],
      [["tags", "CostCenter"], "sparki-perf"],
    ];
    const dir = environmentsWith({ "perf.yaml": { base: "staging", edit: { set: edits } } });
    cpSync("environments/dev.yaml", join(dir, "dev.yaml"));
    expect(loadEnvironments(dir).map((e) => e.name)).toEqual(["dev", "perf"]);
  });

  it("defaults cluster access to the CI roles the bootstrap stack creates for the environment's own name and account", () => {
    const dir = environmentsWith({
      "perf.yaml": {
        base: "staging",
        edit: {
          set: [
            [["account", "id"], "444444444444"],
            [["breakGlassRoleArn"], "arn:aws:iam::444444444444:role/break-glass"],
            [["tags", "CostCenter"], "sparki-perf"],
          ],
        },
      },
    });
    const [perf] = loadEnvironments(dir);
    expect(perf.cluster.adminRoleArns).toEqual(["arn:aws:iam::444444444444:role/sparki-perf-ci-apply"]);
    expect(perf.cluster.readOnlyRoleArns).toEqual(["arn:aws:iam::444444444444:role/sparki-perf-ci-plan"]);
  });

  it("keeps role lists a file gives, including an empty one", () => {
    const operator = "arn:aws:iam::111111111111:role/operators";
    const dir = environmentsWith({
      "dev.yaml": {
        edit: {
          set: [
            [["cluster", "adminRoleArns"], [operator]],
            [["cluster", "readOnlyRoleArns"], []],
          ],
        },
      },
    });
    const [dev] = loadEnvironments(dir);
    expect(dev.cluster.adminRoleArns).toEqual([operator]);
    expect(dev.cluster.readOnlyRoleArns).toEqual([]);
  });

  it("rejects a copied file whose tags and role ARNs still name the environment it was copied from, at their lines", () => {
    const dir = environmentsWith({
      "dev.yaml": {},
      "qa.yaml": { edit: { set: [[["cluster", "adminRoleArns"], ["arn:aws:iam::111111111111:role/sparki-dev-ci-apply"]]] } },
    });
    const problems = problemsOf(dir);
    expect(problems.every((p) => p.file?.endsWith("qa.yaml"))).toBe(true);
    const tag = problemAt(problems, "tags.CostCenter");
    expect(tag.value).toBe("sparki-dev");
    expect(tag.message).toMatch(/names environment dev, not qa/);
    const tagLine =
      readFileSync(join(dir, "qa.yaml"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("CostCenter")) + 1;
    expect(tag.line).toBe(tagLine);
    expect(problemAt(problems, "cluster.adminRoleArns[0]").fix).toMatch(/replace dev with qa/);
  });

  it("tells a longer environment name from a shorter one it contains", () => {
    const dir = environmentsWith({
      "dev.yaml": {},
      "dev-eu.yaml": { edit: { set: [[["tags", "CostCenter"], "sparki-dev-eu"]] } },
    });
    expect(
      loadEnvironments(dir)
        .map((e) => e.name)
        .sort(),
    ).toEqual(["dev", "dev-eu"]);
    const copied = environmentsWith({
      "dev.yaml": { edit: { set: [[["tags", "CostCenter"], "sparki-dev-eu"]] } },
      "dev-eu.yaml": { edit: { set: [[["tags", "CostCenter"], "sparki-dev-eu"]] } },
    });
    expect(problemAt(problemsOf(copied), "tags.CostCenter").file).toMatch(/(^|\/)dev\.yaml$/);
  });
});
