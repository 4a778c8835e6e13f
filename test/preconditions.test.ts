import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { ConfigError } from "../src/config/errors";
import { loadEnvironments } from "../src/config/load";
import { ManagedNodeGroup } from "../src/constructs/cluster/node-group";
import { AccessLogBucket } from "../src/constructs/edge/access-log-bucket";
import { Network } from "../src/constructs/network/network";
import { ConstructValidationError } from "../src/constructs/validation";
import { ProblemError } from "../src/problems";
import { testApp } from "./helpers/synth";

/** environments/dev.yaml with `path` set to `value`, alone in a fresh directory. */
function devWith(path: (string | number)[], value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-precondition-"));
  const doc = parseDocument(readFileSync("environments/dev.yaml", "utf8"));
  doc.setIn(path, value);
  writeFileSync(join(dir, "dev.yaml"), doc.toString());
  return dir;
}

function configErrorOf(dir: string): ConfigError {
  try {
    loadEnvironments(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected the environment to be rejected");
}

function constructErrorOf(build: () => unknown): ConstructValidationError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConstructValidationError);
    return error as ConstructValidationError;
  }
  throw new Error("expected the construct to refuse its props");
}

describe("construct preconditions are configuration rules", () => {
  it("a node group mixing arm64 and x86_64 is a ConfigError at its field, line and value", () => {
    const error = configErrorOf(devWith(["cluster", "nodeGroups", 0, "instanceTypes"], ["m7g.large", "m7i.large"]));
    const problem = error.problems.find((p) => p.path === "cluster.nodeGroups[0].instanceTypes");
    expect(problem).toMatchObject({ value: ["m7g.large", "m7i.large"], allowed: expect.stringMatching(/one architecture/) });
    expect(problem?.line).toBeGreaterThan(1);
    expect(error.message).toMatch(/dev\.yaml:\d+:\d+ {2}cluster\.nodeGroups\[0\]\.instanceTypes\n {2}problem: mixes arm64/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("subnets that do not fit the VPC are a ConfigError at network.subnetPrefixLength", () => {
    const error = configErrorOf(devWith(["network", "vpcCidr"], "10.20.0.0/22"));
    expect(error.problems.map((p) => p.path)).toContain("network.subnetPrefixLength");
  });
});

describe("constructs built directly refuse bad props with ConstructValidationError", () => {
  const nodeGroupProps = {
    clusterName: "sparki-test",
    name: "mixed",
    nodeRoleArn: "arn:aws:iam::111111111111:role/node",
    subnetIds: ["subnet-1"],
    securityGroupIds: ["sg-1"],
    volumeKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1",
    capacityType: "ON_DEMAND" as const,
    minSize: 1,
    desiredSize: 1,
    maxSize: 2,
    diskSizeGiB: 50,
  };

  it("a node group mixing architectures names the construct path and the prop", () => {
    const stack = new TerraformStack(testApp(), "preconditions");
    const error = constructErrorOf(
      () => new ManagedNodeGroup(stack, "group", { ...nodeGroupProps, instanceTypes: ["m7g.large", "m7i.large"] }),
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.problems).toEqual([expect.objectContaining({ file: "preconditions/group", path: "instanceTypes" })]);
    expect(error.message).toMatch(
      /^Invalid construct properties: 1 problem\. Nothing was synthesized\.\n\npreconditions\/group {2}instanceTypes/,
    );
  });

  it("a network whose subnets do not fit names subnetPrefixLength", () => {
    const stack = new TerraformStack(testApp(), "preconditions");
    const error = constructErrorOf(
      () =>
        new Network(stack, "network", {
          name: "sparki-test",
          region: "us-east-1",
          accountId: "111111111111",
          clusterName: "sparki-test",
          availabilityZones: ["us-east-1a", "us-east-1b"],
          vpcCidr: "10.0.0.0/24",
          natGateways: "single",
          flowLogs: { retentionDays: 30, kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1" },
        }),
    );
    expect(error.problems[0]).toMatchObject({ file: "preconditions/network", path: "subnetPrefixLength" });
  });

  it("an access log bucket in a region without a known log-delivery account names the region", () => {
    const stack = new TerraformStack(testApp(), "preconditions");
    const error = constructErrorOf(
      () => new AccessLogBucket(stack, "logs", { bucketName: "b", accountId: "111111111111", region: "mars-north-1", retentionDays: 30 }),
    );
    expect(error.problems[0]).toMatchObject({ path: "region", value: "mars-north-1" });
  });
});
