import { describe, expect, it } from "vitest";
import { BootstrapStack } from "../stacks/bootstrap-stack";
import { CoreStack } from "../stacks/core-stack";
import { ClusterStack } from "../stacks/cluster-stack";
import { evaluate } from "./helpers/iam-eval";
import { bodies, environment, policyOf, resourcesOf, synthJson, testApp } from "./helpers/synth";

const bootstrap = (localState = false) =>
  synthJson(
    new BootstrapStack(testApp(), {
      accountId: "333333333333",
      region: "us-east-1",
      environments: [{ name: "prod", githubRepository: "example-org/sparki-platform" }],
      localState,
    }),
  );

describe("bootstrap stack", () => {
  const json = bootstrap();
  const buckets = Object.fromEntries(resourcesOf(json, "aws_s3_bucket").map(([name, b]) => [b.bucket as string, name]));
  const stateRef = `\${aws_s3_bucket.${buckets["sparki-tfstate-333333333333-us-east-1"]}.id}`;
  const logsRef = `\${aws_s3_bucket.${buckets["sparki-tfstate-logs-333333333333-us-east-1"]}.id}`;
  const forBucket = (type: string, ref: string) => bodies(json, type).filter((r) => r.bucket === ref);

  it("creates a per-account state bucket and its access-log bucket, both undeletable", () => {
    expect(Object.keys(buckets).sort()).toEqual(["sparki-tfstate-333333333333-us-east-1", "sparki-tfstate-logs-333333333333-us-east-1"]);
    for (const bucket of bodies(json, "aws_s3_bucket")) {
      expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
      expect(bucket.force_destroy).toBeUndefined();
    }
  });

  it("versions and encrypts state with a rotating customer-managed KMS key", () => {
    expect(forBucket("aws_s3_bucket_versioning", stateRef)[0].versioning_configuration).toEqual({ status: "Enabled" });
    const [encryption] = forBucket("aws_s3_bucket_server_side_encryption_configuration", stateRef);
    const rule = (encryption.rule as Record<string, any>[])[0];
    expect(rule.apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
    expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    expect(rule.bucket_key_enabled).toBe(true);
    const [key] = bodies(json, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    const principals = policyOf(key).Statement.map((s) => JSON.stringify(s.Principal));
    expect(principals).not.toContain('"*"');
  });

  it("blocks every form of public access on both buckets", () => {
    for (const ref of [stateRef, logsRef]) {
      expect(forBucket("aws_s3_bucket_public_access_block", ref)[0]).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(forBucket("aws_s3_bucket_ownership_controls", ref)[0].rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    }
  });

  it("denies any request to either bucket that does not use TLS", () => {
    for (const ref of [stateRef, logsRef]) {
      const [policy] = forBucket("aws_s3_bucket_policy", ref);
      const deny = policyOf(policy).Statement.find((s) => s.Effect === "Deny");
      expect(deny).toMatchObject({ Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    }
  });

  it("expires noncurrent state versions and aborts stale multipart uploads", () => {
    const [lifecycle] = forBucket("aws_s3_bucket_lifecycle_configuration", stateRef);
    const [rule] = lifecycle.rule as Record<string, any>[];
    expect(rule.status).toBe("Enabled");
    expect(rule.noncurrent_version_expiration[0].noncurrent_days).toBeGreaterThanOrEqual(30);
    expect(rule.abort_incomplete_multipart_upload[0].days_after_initiation).toBeGreaterThan(0);
    // Current state is never expired: the only expiration removes delete markers left by unlocks.
    expect(rule.expiration).toEqual([{ expired_object_delete_marker: true }]);
  });

  it("refuses state writes that are not encrypted with the state key", () => {
    const [policy] = forBucket("aws_s3_bucket_policy", stateRef);
    const denies = policyOf(policy).Statement.filter((s) => s.Effect === "Deny" && s.Action === "s3:PutObject");
    const keyCondition = denies.find((s) => s.Condition.StringNotEquals)!.Condition.StringNotEquals[
      "s3:x-amz-server-side-encryption-aws-kms-key-id"
    ];
    // The key the backends name (alias ARN) and the key itself are the only ones accepted.
    expect(keyCondition).toEqual([
      expect.stringMatching(/^\$\{aws_kms_key\..+\.arn\}$/),
      "arn:aws:kms:us-east-1:333333333333:alias/sparki-terraform-state",
    ]);
    expect(denies.find((s) => s.Condition.Null)!.Condition.Null).toEqual({ "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" });
    const [alias] = bodies(json, "aws_kms_alias");
    expect(alias.name).toBe("alias/sparki-terraform-state");
  });

  it("logs state access to the log bucket, which only S3 logging of this account may write", () => {
    expect(forBucket("aws_s3_bucket_logging", stateRef)[0].target_bucket).toBe(logsRef);
    const [policy] = forBucket("aws_s3_bucket_policy", logsRef);
    const delivery = policyOf(policy).Statement.find((s) => s.Effect === "Allow")!;
    expect(delivery.Principal).toEqual({ Service: "logging.s3.amazonaws.com" });
    expect(delivery.Condition.StringEquals["aws:SourceAccount"]).toBe("333333333333");
  });

  it("keeps its own state in the bucket, encrypted with the state key, with S3 native locking, or locally for the first apply", () => {
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: "sparki-tfstate-333333333333-us-east-1",
        key: "bootstrap/bootstrap.tfstate",
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:us-east-1:333333333333:alias/sparki-terraform-state",
        use_lockfile: true,
      },
    });
    expect(Object.keys(bootstrap(true).terraform?.backend as object)).toEqual(["local"]);
  });
});

describe("CI identity in the bootstrap stack", () => {
  const json = bootstrap();
  const roles = Object.fromEntries(resourcesOf(json, "aws_iam_role").map(([name, r]) => [r.name as string, { name, body: r }]));
  const inline = (role: string) =>
    bodies(json, "aws_iam_role_policy")
      .filter((p) => p.role === `\${aws_iam_role.${roles[role].name}.id}`)
      .flatMap((p) => policyOf(p).Statement);
  const attached = (role: string) =>
    bodies(json, "aws_iam_role_policy_attachment")
      .filter((a) => a.role === `\${aws_iam_role.${roles[role].name}.name}`)
      .map((a) => a.policy_arn);

  it("trusts GitHub Actions tokens for STS only", () => {
    const [provider] = bodies(json, "aws_iam_openid_connect_provider");
    expect(provider).toMatchObject({ url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] });
  });

  it("lets the apply role be assumed only by the deploy workflow on main, in the environment", () => {
    const trust = (role: string) => policyOf(roles[role].body, "assume_role_policy").Statement;
    const assume = (role: string, sub: string) =>
      evaluate(trust(role), "sts:AssumeRoleWithWebIdentity", "*", {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": sub,
      });
    const repo = "example-org/sparki-platform";
    const job = (environment: string, workflow: string, ref: string) =>
      `repo:${repo}:environment:${environment}:job_workflow_ref:${repo}/.github/workflows/${workflow}@${ref}`;
    expect(assume("sparki-prod-ci-apply", job("prod", "terraform-environment.yml", "refs/heads/main"))).toBe("allowed");
    // Another branch, another workflow, another environment, or the old subject without the workflow: refused.
    expect(assume("sparki-prod-ci-apply", job("prod", "terraform-environment.yml", "refs/heads/feature"))).toBe("implicitly denied");
    expect(assume("sparki-prod-ci-apply", job("prod", "pull-request.yml", "refs/heads/main"))).toBe("implicitly denied");
    expect(assume("sparki-prod-ci-apply", job("staging", "terraform-environment.yml", "refs/heads/main"))).toBe("implicitly denied");
    expect(assume("sparki-prod-ci-apply", `repo:${repo}:environment:prod`)).toBe("implicitly denied");
    // Plans run from pull-request refs: any workflow of the repository, in the plan environment only.
    expect(assume("sparki-prod-ci-plan", job("prod-plan", "pull-request.yml", "refs/pull/7/merge"))).toBe("allowed");
    expect(assume("sparki-prod-ci-plan", job("prod", "pull-request.yml", "refs/pull/7/merge"))).toBe("implicitly denied");
    expect(
      assume(
        "sparki-prod-ci-plan",
        `repo:another-org/fork:environment:prod-plan:job_workflow_ref:another-org/fork/.github/workflows/x.yml@refs/heads/main`,
      ),
    ).toBe("implicitly denied");
  });

  it("lets plans read configuration and their own state, never data", () => {
    const statements = [...inline("sparki-prod-ci-plan"), { Effect: "Allow", Action: "*", Resource: "*" }]; // ReadOnlyAccess, broadly
    // The bucket and key ARNs are Terraform references in the synthesized policy.
    const bucket = inline("sparki-prod-ci-plan").find((st) => st.Sid === "ListState")!.Resource as string;
    const stateKey = inline("sparki-prod-ci-plan").find((st) => st.Sid === "UseStateKey")!.Resource as string;
    const decide = (action: string, resource: string) => evaluate(statements, action, resource);
    expect(decide("s3:GetObject", `${bucket}/prod/prod-core.tfstate`)).toBe("allowed");
    expect(decide("s3:GetObject", `${bucket}/bootstrap/bootstrap.tfstate`)).toBe("allowed");
    expect(decide("s3:GetObject", "arn:aws:s3:::sparki-prod-alb-logs-333333333333-us-east-1/AWSLogs/x")).toBe("denied");
    expect(decide("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:333333333333:secret:sparki-prod/sentry-dsn")).toBe(
      "denied",
    );
    expect(decide("kms:Decrypt", "arn:aws:kms:us-east-1:333333333333:key/database")).toBe("denied");
    expect(decide("kms:Decrypt", stateKey)).toBe("allowed");
    expect(decide("s3:GetObject", `${bucket}/staging/staging-core.tfstate`)).toBe("denied");
    expect(decide("logs:GetLogEvents", "*")).toBe("denied");
    expect(decide("rds:DescribeDBInstances", "*")).toBe("allowed");
  });

  it("keeps the plan role read-only except for the environment's lock files", () => {
    expect(attached("sparki-prod-ci-plan")).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const writes = inline("sparki-prod-ci-plan").filter((s) =>
      [s.Action].flat().some((a: string) => a.startsWith("s3:Put") || a.startsWith("s3:Delete")),
    );
    expect(writes.map((s) => s.Resource)).toEqual([expect.stringMatching(/\/prod\/\*\.tflock$/)]);
  });

  it("limits the apply role's IAM powers to sparki-* names and its state access to its environment", () => {
    expect(attached("sparki-prod-ci-apply")).toEqual(["arn:aws:iam::aws:policy/PowerUserAccess"]);
    const statements = inline("sparki-prod-ci-apply");
    const iamWildcard = statements.find((s) => s.Action === "iam:*")!;
    expect(iamWildcard.Resource.every((r: string) => r.endsWith("/sparki-*"))).toBe(true);
    const stateWrites = statements.find((s) => s.Sid === "WriteState")!;
    expect(stateWrites.Resource).toMatch(/\/prod\/\*$/);
  });
});

describe("the CI drill role", () => {
  const json = bootstrap();
  const [roleName, role] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-ci-drill")!;
  const statements = bodies(json, "aws_iam_role_policy")
    .filter((p) => p.role === `\${aws_iam_role.${roleName}.id}`)
    .flatMap((p) => policyOf(p).Statement);
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluate(statements, action, resource, context);
  const account = "333333333333";
  const db = (name: string) => `arn:aws:rds:us-east-1:${account}:db:${name}`;

  it("is assumable only by the drill workflow on main, in the drill environment", () => {
    const repo = "example-org/sparki-platform";
    const assume = (sub: string) =>
      evaluate(policyOf(role, "assume_role_policy").Statement, "sts:AssumeRoleWithWebIdentity", "*", {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": sub,
      });
    const job = (environment: string, workflow: string, ref: string) =>
      `repo:${repo}:environment:${environment}:job_workflow_ref:${repo}/.github/workflows/${workflow}@${ref}`;
    expect(assume(job("prod-drill", "dr-drill.yml", "refs/heads/main"))).toBe("allowed");
    expect(assume(job("prod-drill", "dr-drill.yml", "refs/heads/feature"))).toBe("implicitly denied");
    expect(assume(job("prod-drill", "pull-request.yml", "refs/heads/main"))).toBe("implicitly denied");
    expect(assume(job("prod", "dr-drill.yml", "refs/heads/main"))).toBe("implicitly denied");
    expect(assume(job("staging-drill", "dr-drill.yml", "refs/heads/main"))).toBe("implicitly denied");
    expect(role.max_session_duration).toBe(3 * 3600);
  });

  it("finds and restores recovery points of its environment's vault only, with the backup service role", () => {
    const vault = (env: string) => `arn:aws:backup:us-east-1:${account}:backup-vault:sparki-${env}-database`;
    expect(decide("backup:ListRecoveryPointsByBackupVault", vault("prod"))).toBe("allowed");
    expect(decide("backup:GetRecoveryPointRestoreMetadata", vault("prod"))).toBe("allowed");
    expect(decide("backup:ListRecoveryPointsByBackupVault", vault("staging"))).toBe("implicitly denied");
    expect(decide("backup:StartRestoreJob", `arn:aws:rds:us-east-1:${account}:snapshot:awsbackup:job-0123`)).toBe("allowed");
    expect(decide("backup:StartRestoreJob", `arn:aws:rds:us-east-1:444444444444:snapshot:awsbackup:job-0123`)).toBe("implicitly denied");
    expect(decide("backup:DescribeRestoreJob", "*")).toBe("allowed");
    const backupRole = `arn:aws:iam::${account}:role/sparki-prod-backup`;
    expect(decide("iam:PassRole", backupRole, { "iam:PassedToService": "backup.amazonaws.com" })).toBe("allowed");
    expect(decide("iam:PassRole", backupRole, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe("implicitly denied");
    expect(
      decide("iam:PassRole", `arn:aws:iam::${account}:role/sparki-prod-ci-apply`, { "iam:PassedToService": "backup.amazonaws.com" }),
    ).toBe("implicitly denied");
  });

  it("describes and deletes only scratch instances named with the drill prefix, and deletes nothing else", () => {
    expect(decide("rds:DescribeDBInstances", db("sparki-prod-drill-202605281200"))).toBe("allowed");
    expect(decide("rds:DeleteDBInstance", db("sparki-prod-drill-202605281200"))).toBe("allowed");
    for (const name of ["sparki-prod-postgres", "sparki-prod-postgres-replica-1", "sparki-staging-drill-202605281200"]) {
      expect(decide("rds:DeleteDBInstance", db(name)), name).toBe("implicitly denied");
    }
    for (const action of [
      "backup:DeleteRecoveryPoint",
      "rds:DeleteDBSnapshot",
      "rds:ModifyDBInstance",
      "rds:RestoreDBInstanceFromDBSnapshot",
      "backup:UpdateRecoveryPointLifecycle",
    ]) {
      expect(decide(action, "*"), action).toBe("implicitly denied");
    }
    expect(bodies(json, "aws_iam_role_policy_attachment").filter((a) => a.role === `\${aws_iam_role.${roleName}.name}`)).toEqual([]);
  });

  it("is exported for the drill environment's AWS_DRILL_ROLE_ARN", () => {
    expect(json.output?.prod_drill_role_arn?.value).toBe(`\${aws_iam_role.${roleName}.arn}`);
  });

  it("sits under the CI-role guard: the apply role cannot change it", () => {
    const apply = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-ci-apply")![0];
    const applyInline = bodies(json, "aws_iam_role_policy")
      .filter((p) => p.role === `\${aws_iam_role.${apply}.id}`)
      .flatMap((p) => policyOf(p).Statement);
    const drillArn = `arn:aws:iam::${account}:role/sparki-prod-ci-drill`;
    expect(
      evaluate(applyInline, "iam:PutRolePolicy", drillArn, {
        "iam:PermissionsBoundary": `arn:aws:iam::${account}:policy/sparki-permissions-boundary`,
      }),
    ).toBe("denied");
  });
});

describe("the CI apply role cannot make itself administrator", () => {
  const json = bootstrap();
  const [roleName] = resourcesOf(json, "aws_iam_role").find(([, r]) => r.name === "sparki-prod-ci-apply")!;
  const inline = bodies(json, "aws_iam_role_policy")
    .filter((p) => p.role === `\${aws_iam_role.${roleName}.id}`)
    .flatMap((p) => policyOf(p).Statement);
  // PowerUserAccess as AWS defines it: everything except IAM (but a few IAM reads), Organizations and Account.
  const powerUser = { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" };
  const apply = [powerUser, ...inline];
  const [providerName] = resourcesOf(json, "aws_iam_openid_connect_provider")[0];
  const [bucketName] = resourcesOf(json, "aws_s3_bucket").find(([, b]) => b.bucket === "sparki-tfstate-333333333333-us-east-1")!;
  const [, boundaryBody] = resourcesOf(json, "aws_iam_policy").find(([, p]) => p.name === "sparki-permissions-boundary")!;
  const boundary = "arn:aws:iam::333333333333:policy/sparki-permissions-boundary";
  const role = (name: string) => `arn:aws:iam::333333333333:role/${name}`;
  const withBoundary = { "iam:PermissionsBoundary": boundary };

  it("creates and changes sparki-* roles only under the account's permissions boundary", () => {
    expect(evaluate(apply, "iam:CreateRole", role("sparki-prod-anything"), withBoundary)).toBe("allowed");
    expect(evaluate(apply, "iam:CreateRole", role("sparki-prod-anything"))).toBe("denied");
    expect(
      evaluate(apply, "iam:AttachRolePolicy", role("sparki-prod-node"), {
        "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    ).toBe("denied");
    expect(evaluate(apply, "iam:PutRolePolicy", role("sparki-prod-node"), withBoundary)).toBe("allowed");
    expect(evaluate(apply, "iam:DeleteRolePermissionsBoundary", role("sparki-prod-node"), withBoundary)).toBe("denied");
  });

  it("may not change any CI role, its own included, nor the boundary", () => {
    for (const name of ["sparki-prod-ci-apply", "sparki-prod-ci-plan", "sparki-staging-ci-apply"]) {
      for (const action of ["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"]) {
        expect(evaluate(apply, action, role(name), withBoundary), `${action} on ${name}`).toBe("denied");
      }
    }
    expect(evaluate(apply, "iam:CreatePolicyVersion", boundary)).toBe("denied");
    expect(evaluate(apply, "iam:CreatePolicyVersion", "arn:aws:iam::333333333333:policy/sparki-prod-other")).toBe("allowed");
  });

  it("may not change the GitHub OIDC provider or the state bucket's protections", () => {
    const guard = inline.filter((s) => s.Effect === "Deny");
    expect(guard.find((s) => s.Sid === "NoChangesToGithubTrust")!.Resource).toBe(`\${aws_iam_openid_connect_provider.${providerName}.arn}`);
    const githubArn = "arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com";
    const resolved = apply.map((s) =>
      s.Resource === `\${aws_iam_openid_connect_provider.${providerName}.arn}` ? { ...s, Resource: githubArn } : s,
    );
    expect(evaluate(resolved, "iam:UpdateOpenIDConnectProviderThumbprint", githubArn)).toBe("denied");
    expect(
      evaluate(
        resolved,
        "iam:CreateOpenIDConnectProvider",
        "arn:aws:iam::333333333333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X",
      ),
    ).toBe("allowed");
    const bucketArn = `\${aws_s3_bucket.${bucketName}.arn}`;
    for (const action of ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutEncryptionConfiguration", "s3:PutBucketVersioning"]) {
      expect(evaluate(apply, action, bucketArn), action).toBe("denied");
    }
    expect(evaluate(apply, "s3:PutObject", `${bucketArn}/prod/prod-core.tfstate`)).toBe("allowed");
  });

  it("leaves roles created under the boundary the same guards", () => {
    const ceiling = policyOf(boundaryBody).Statement;
    expect(evaluate(ceiling, "ec2:RunInstances", "*")).toBe("allowed");
    expect(evaluate(ceiling, "iam:CreateRole", role("sparki-prod-x"))).toBe("denied");
    expect(evaluate(ceiling, "iam:PutRolePolicy", role("sparki-prod-ci-apply"), withBoundary)).toBe("denied");
  });

  it("puts the boundary on every role of every environment stack", () => {
    const core = new CoreStack(testApp(), environment("prod"));
    const cluster = new ClusterStack(core.node.scope as any, environment("prod"), core);
    for (const stack of [core, cluster]) {
      const roles = bodies(synthJson(stack), "aws_iam_role");
      expect(roles.length).toBeGreaterThan(0);
      for (const r of roles) expect(r.permissions_boundary, r.name as string).toBe(boundary);
    }
  });
});

describe("environment stacks", () => {
  it(
    "store state per stack in their account's bucket, encrypted with the state key (not AES256), with native locking and no " +
      "DynamoDB table",
    () => {
      const json = synthJson(new CoreStack(testApp(), environment("staging")));
      expect(json.terraform?.backend).toEqual({
        s3: {
          bucket: "sparki-tfstate-222222222222-us-east-1",
          key: "staging/staging-core.tfstate",
          region: "us-east-1",
          encrypt: true,
          kms_key_id: "arn:aws:kms:us-east-1:222222222222:alias/sparki-terraform-state",
          use_lockfile: true,
        },
      });
      expect(JSON.stringify(json.terraform)).not.toContain("dynamodb");
    },
  );

  it("refuse credentials of any other account and tag every resource with its environment", () => {
    const json = synthJson(new CoreStack(testApp(), environment("prod")));
    const [provider] = json.provider!.aws as Record<string, any>[];
    expect(provider.allowed_account_ids).toEqual(["333333333333"]);
    expect(provider.default_tags[0].tags).toMatchObject({
      Environment: "prod",
      Project: "sparki",
      ManagedBy: "cdktf",
      CostCenter: "sparki-prod",
    });
  });

  it("pin the AWS provider and the Terraform version", () => {
    const json = synthJson(new CoreStack(testApp(), environment("dev")));
    expect(json.terraform?.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
    expect(json.terraform?.required_version).toMatch(/^>= 1\.10/);
  });
});

describe("account-wide prerequisites of Spot capacity", () => {
  it("creates the EC2 Spot and Auto Scaling service-linked roles once per account, and grants both the node volume key", () => {
    const json = bootstrap();
    expect(
      bodies(json, "aws_iam_service_linked_role")
        .map((r) => r.aws_service_name)
        .sort(),
    ).toEqual(["autoscaling.amazonaws.com", "spot.amazonaws.com"]);
    const core = new CoreStack(testApp(), environment("dev"));
    const grants = bodies(synthJson(new ClusterStack(core.node.scope as any, environment("dev"), core)), "aws_kms_grant").map(
      (g) => g.grantee_principal,
    );
    expect(grants).toEqual(
      expect.arrayContaining([
        "arn:aws:iam::111111111111:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
        "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
      ]),
    );
  });
});
