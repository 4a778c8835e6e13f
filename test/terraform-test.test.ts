/**
 * The plan-and-apply layer: `terraform test` with a mocked AWS provider, offline. Runs where
 * SPARKI_TF_PLUGIN_DIR names a provider mirror and terraform is on PATH; elsewhere it says loudly
 * that it was skipped. One environment here (dev: every AWS-only stack kind, the fewest
 * resources); `npm run tftest` and CI run every environment.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../src/synthesize";
import { mockArn, mockOutputs, testStacks } from "../src/validate/terraform-test";
import { validationAvailability } from "../src/validate/terraform-validate";

const availability = validationAvailability();
if (!availability.available) {
  console.warn(`\n*** SKIPPED: terraform test (plan and apply with mock providers) layer — ${availability.reason}. ***\n`);
}
const pluginDir = availability.available ? availability.pluginDir : "";

/** A producer with one declared output and a consumer reading `consumed` from its remote state. */
function twoStacks(consumed: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "sparki-tftest-fixture-"));
  const terraform = {
    required_providers: { aws: { source: "aws", version: "5.100.0" } },
    backend: { s3: { bucket: "b", key: "x/x-core.tfstate", region: "us-east-1" } },
  };
  const provider = { aws: [{ region: "us-east-1" }] };
  const stacks = {
    "x-core": {
      terraform,
      provider,
      resource: { aws_sns_topic: { alarms: { name: "alarms" } } },
      output: { alarm_topic_arn: { value: "${aws_sns_topic.alarms.arn}" } },
    },
    "x-edge": {
      terraform,
      provider,
      data: { terraform_remote_state: { core: { backend: "s3", config: { bucket: "b", key: "x/x-core.tfstate", region: "us-east-1" } } } },
      resource: {
        aws_cloudwatch_metric_alarm: {
          a: {
            alarm_name: "a",
            comparison_operator: "GreaterThanThreshold",
            evaluation_periods: 1,
            metric_name: "m",
            namespace: "n",
            period: 60,
            statistic: "Sum",
            threshold: 1,
            alarm_actions: [`\${data.terraform_remote_state.core.outputs.${consumed}}`],
          },
        },
      },
    },
  };
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(outdir, "stacks", name), { recursive: true });
    writeFileSync(join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return outdir;
}

describe("terraform test mocks", () => {
  it("shapes remote-state values like the producer's declared outputs", () => {
    const outputs = mockOutputs({
      output: {
        topic_arn: { value: "${aws_sns_topic.t.arn}" },
        subnet_ids: { value: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"] },
        secret_arns: { value: { key: "${aws_secretsmanager_secret.s.arn}" } },
        port: { value: 5432 },
        master_secret_arn: { value: "${aws_db_instance.d.master_user_secret[0].secret_arn}" },
      },
    });
    expect(outputs).toEqual({
      topic_arn: "arn:aws:sns:us-east-1:111111111111:mock",
      subnet_ids: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef0"],
      secret_arns: { key: "arn:aws:secretsmanager:us-east-1:111111111111:secret:mock-AbCdEf" },
      port: 5432,
      master_secret_arn: "arn:aws:secretsmanager:us-east-1:111111111111:secret:mock-AbCdEf",
    });
  });

  it("gives IAM no region and S3 neither region nor account", () => {
    expect(mockArn("aws_iam_role")).toBe("arn:aws:iam::111111111111:role/mock");
    expect(mockArn("aws_s3_bucket")).toBe("arn:aws:s3:::mock-bucket");
  });
});

describe("terraform test", () => {
  it.runIf(availability.available)(
    "plans, applies and destroys every AWS-only stack of dev",
    () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "sparki-tftest-test-")), "out");
      synthesize({ environmentsDir: "environments", outdir, only: ["dev"] });
      const result = testStacks(outdir, pluginDir, { include: (stack) => stack.startsWith("dev-") });
      expect(result.output).toMatch(/run "plan"\.\.\. pass/);
      expect(result.output).toMatch(/run "apply"\.\.\. pass/);
      expect(result.passed).toBe(true);
      expect(result.tested).toEqual(["dev-cluster", "dev-core", "dev-edge", "dev-resilience"]);
      // One terraform run; about 40 s on a busy 2-core machine.
    },
    240_000,
  );

  it.runIf(availability.available)(
    "fails a stack that reads an output its producer does not declare",
    () => {
      // The producer declares alarm_topic_arn; the override carries exactly the declared outputs.
      const result = testStacks(twoStacks("alarm_topic"), pluginDir);
      expect(result.passed).toBe(false);
      expect(result.output).toMatch(/run "plan"\.\.\. fail/);
      expect(result.output).toMatch(/Unsupported attribute[\s\S]*alarm_topic/);
    },
    240_000,
  );
});
