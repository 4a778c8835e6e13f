/**
 * The worked example of CONTRIBUTING.md's "Renaming a construct": a construct whose ID changes
 * keeps its resources when the new resource declares where it moved from (`moveFromId`), which
 * synthesizes a Terraform `moved` block. Without it, the new address is a new resource and the
 * old one is destroyed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, DataResource, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";

interface ArtifactStoreProps {
  readonly bucketName: string;
  /** Terraform address the bucket had before this construct was renamed. @default not moved */
  readonly movedFrom?: string;
}

/** Stands for any construct of the repository: one bucket, addressed by the construct's path. */
class ArtifactStore extends Construct {
  readonly bucket: S3Bucket;
  constructor(scope: Construct, id: string, props: ArtifactStoreProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName });
    if (props.movedFrom) this.bucket.moveFromId(props.movedFrom);
  }
}

type Json = { resource?: Record<string, Record<string, Record<string, unknown>>>; moved?: { from: string; to: string }[] };

function synthStore(id: string, movedFrom?: string): Json {
  const stack = new TerraformStack(Testing.app(), "rename-example");
  new ArtifactStore(stack, id, { bucketName: "sparki-example-artifacts", movedFrom });
  return JSON.parse(Testing.synth(stack)) as Json;
}

const bucketAddresses = (json: Json) => Object.keys(json.resource?.aws_s3_bucket ?? {}).map((name) => `aws_s3_bucket.${name}`);

describe("renaming a construct without replacing its resources", () => {
  const [before] = bucketAddresses(synthStore("artifacts"));

  it("a renamed construct without a move gets a new address (Terraform would replace the bucket)", () => {
    const renamed = bucketAddresses(synthStore("artifact-store"));
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).not.toBe(before);
  });

  it("with moveFromId the synthesized JSON carries a moved block from the old address to the new one", () => {
    const json = synthStore("artifact-store", before);
    const [after] = bucketAddresses(json);
    expect(json.moved).toEqual([{ from: before, to: after }]);
    expect(after).not.toBe(before);
    expect(json.resource?.aws_s3_bucket?.[after!.split(".")[1]!]).toMatchObject({ bucket: "sparki-example-artifacts" });
  });

  it("Terraform plans the move as a move: no create, no destroy", () => {
    const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
    if (terraform.status !== 0) {
      console.warn("SKIPPED: no terraform binary; the moved block is asserted on JSON only");
      return;
    }
    // terraform_data needs no provider, so this runs offline: apply the old name, plan the new one.
    const dir = mkdtempSync(join(tmpdir(), "rename-"));
    try {
      const synth = (id: string, movedFrom?: string) => {
        const app = new App({ outdir: dir });
        const stack = new TerraformStack(app, "example");
        const marker = new DataResource(new Construct(stack, id), "marker", { input: { kept: true } });
        if (movedFrom) marker.moveFromId(movedFrom);
        const json = JSON.parse(Testing.synth(stack)) as Json;
        writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json));
        return `terraform_data.${Object.keys(json.resource?.terraform_data ?? {})[0]}`;
      };
      const run = (...args: string[]) => {
        const result = spawnSync("terraform", [`-chdir=${dir}`, ...args], {
          encoding: "utf8",
          env: { ...process.env, TF_IN_AUTOMATION: "1" },
        });
        expect(result.status, result.stderr).toBe(0);
        return result.stdout;
      };
      const oldAddress = synth("old-name");
      run("init", "-input=false", "-backend=false");
      run("apply", "-input=false", "-auto-approve", "-state=state.tfstate");
      const newAddress = synth("new-name", oldAddress);
      run("plan", "-input=false", "-state=state.tfstate", "-out=plan.bin");
      const plan = JSON.parse(run("show", "-json", "plan.bin")) as {
        resource_changes: { address: string; previous_address?: string; change: { actions: string[] } }[];
      };
      expect(plan.resource_changes).toEqual([
        expect.objectContaining({
          address: newAddress,
          previous_address: oldAddress,
          change: expect.objectContaining({ actions: ["no-op"] }),
        }),
      ]);
      expect(readFileSync(join(dir, "state.tfstate"), "utf8")).toContain(oldAddress.split(".")[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
