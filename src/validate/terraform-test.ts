/**
 * Plans and applies synthesized AWS-only stacks with `terraform test` against a mocked AWS
 * provider, offline. Stacks become child modules of one scratch root (the provider schema loads
 * once); their provider and backend blocks move to the root, because `mock_provider` replaces
 * only root provider configurations. Remote-state inputs are overridden with values shaped like
 * the producer stack's declared outputs, and computed ARNs and IDs get realistic mock defaults,
 * because the provider checks their format in the configurations that consume them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeStacks, offlineTerraformEnv, type StackJson } from "./terraform-validate";

/** Account and region of every mock ARN: documentation values, never a real account. */
const MOCK_ACCOUNT = "111111111111";
const MOCK_REGION = "us-east-1";

/** ARN service and resource path per resource type prefix; the longest matching prefix wins. */
const ARN_SHAPES: Record<string, { service: string; resource: string; global?: boolean }> = {
  aws_acm_: { service: "acm", resource: "certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  aws_backup_vault: { service: "backup", resource: "backup-vault:mock" },
  aws_backup_plan: { service: "backup", resource: "backup-plan:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  aws_backup_: { service: "backup", resource: "restore-testing-plan:mock" },
  aws_cloudwatch_event_: { service: "events", resource: "rule/mock" },
  aws_cloudwatch_log_: { service: "logs", resource: "log-group:mock" },
  aws_cloudwatch_metric_alarm: { service: "cloudwatch", resource: "alarm:mock" },
  aws_codebuild_: { service: "codebuild", resource: "project/mock" },
  aws_db_: { service: "rds", resource: "db:mock" },
  aws_ecr_: { service: "ecr", resource: "repository/mock" },
  aws_eks_: { service: "eks", resource: "cluster/mock" },
  aws_elasticache_: { service: "elasticache", resource: "replicationgroup:mock" },
  aws_fis_: { service: "fis", resource: "experiment-template/EXTmock" },
  aws_iam_: { service: "iam", resource: "role/mock", global: true },
  aws_kms_: { service: "kms", resource: "key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  aws_lb: { service: "elasticloadbalancing", resource: "loadbalancer/app/mock/0123456789abcdef" },
  aws_lb_listener: { service: "elasticloadbalancing", resource: "listener/app/mock/0123456789abcdef/0123456789abcdef" },
  aws_lb_target_group: { service: "elasticloadbalancing", resource: "targetgroup/mock/0123456789abcdef" },
  aws_opensearch_: { service: "es", resource: "domain/mock" },
  aws_s3_: { service: "s3", resource: "mock-bucket", global: true },
  aws_secretsmanager_: { service: "secretsmanager", resource: "secret:mock-AbCdEf" },
  aws_sns_: { service: "sns", resource: "mock" },
  aws_sqs_: { service: "sqs", resource: "mock" },
  aws_wafv2_: { service: "wafv2", resource: "regional/webacl/mock/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
  aws_: { service: "ec2", resource: "mock/mock-0123456789abcdef0" },
};

/** EC2-style ID prefixes, which the provider checks where another resource references them. */
const ID_PREFIXES: Record<string, string> = {
  aws_default_security_group: "sg",
  aws_eip: "eipalloc",
  aws_internet_gateway: "igw",
  aws_launch_template: "lt",
  aws_nat_gateway: "nat",
  aws_route_table: "rtb",
  aws_security_group: "sg",
  aws_subnet: "subnet",
  aws_vpc: "vpc",
  aws_vpc_endpoint: "vpce",
};

/** IDs of other shapes that the provider validates where another resource references them. */
const SHAPED_IDS: Record<string, string> = {
  aws_cognito_identity_pool: `${MOCK_REGION}:01234567-89ab-cdef-0123-456789abcdef`,
  aws_cognito_user_pool: `${MOCK_REGION}_M0ckP00l1`,
};

/**
 * Computed nested values that stacks index (`master_user_secret[0].secret_arn`,
 * `certificate_authority[0].data`): left to the mock they are empty lists and apply fails.
 */
const NESTED_DEFAULTS: Record<string, () => Record<string, unknown>> = {
  aws_db_instance: () => ({
    master_user_secret: [{ secret_arn: mockArn("aws_secretsmanager_secret"), kms_key_id: mockArn("aws_kms_key"), secret_status: "active" }],
  }),
  aws_acm_certificate: () => ({
    domain_validation_options: [
      {
        domain_name: "mock.example.com",
        resource_record_name: "_mock.mock.example.com.",
        resource_record_type: "CNAME",
        resource_record_value: "_mock.acm-validations.aws.",
      },
    ],
  }),
  aws_eks_cluster: () => ({
    certificate_authority: [{ data: mockAttribute("aws_eks_cluster", "data") }],
    identity: [{ oidc: [{ issuer: mockAttribute("aws_eks_cluster", "issuer") }] }],
  }),
};

/**
 * Types whose mocks must be known at plan (`override_during = plan`, Terraform >= 1.9): the real
 * provider fills the certificate's domain_validation_options during plan, and the validation
 * records' for_each keys need them; a mock would leave them unknown until apply.
 */
const KNOWN_AT_PLAN = new Set(["aws_acm_certificate"]);

function longestPrefix<T>(table: Record<string, T>, type: string): T | undefined {
  const key = Object.keys(table)
    .filter((prefix) => type.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : table[key];
}

/** A realistic ARN for a resource of `type`. */
export function mockArn(type: string): string {
  const shape = longestPrefix(ARN_SHAPES, type) ?? ARN_SHAPES.aws_;
  // S3 ARNs carry neither region nor account; IAM ARNs carry no region.
  if (shape.service === "s3") return `arn:aws:s3:::${shape.resource}`;
  return `arn:aws:${shape.service}:${shape.global ? "" : MOCK_REGION}:${MOCK_ACCOUNT}:${shape.resource}`;
}

/** A realistic `id` for a resource of `type`, or undefined where any string will do. */
export function mockId(type: string): string | undefined {
  if (SHAPED_IDS[type]) return SHAPED_IDS[type];
  const prefix = ID_PREFIXES[type];
  return prefix === undefined ? undefined : `${prefix}-0123456789abcdef0`;
}

/** A plausible value for attribute `attribute` of a resource of `type` (undefined: unknown type). */
export function mockAttribute(type: string | undefined, attribute: string): string {
  const anyType = type ?? "aws_";
  if (attribute === "secret_arn") return mockArn("aws_secretsmanager_secret");
  if (attribute === "arn_suffix" || attribute.endsWith("_arn_suffix")) {
    return /target_group/.test(attribute) || anyType === "aws_lb_target_group"
      ? "targetgroup/mock/0123456789abcdef"
      : "app/mock/0123456789abcdef";
  }
  if (attribute === "arn" || attribute.endsWith("_arn")) return mockArn(type ?? guessTypeFromName(attribute));
  if (attribute === "resource_id") return "db-ABCDEFGHIJKLMNOPQRSTUVWXY0";
  if (attribute.endsWith("security_group_id")) return mockId("aws_security_group") as string;
  if (attribute.endsWith("subnet_id")) return mockId("aws_subnet") as string;
  if (attribute === "vpc_id") return mockId("aws_vpc") as string;
  if (attribute === "id" || attribute.endsWith("_id")) return mockId(anyType) ?? "mock-id";
  if (attribute === "repository_url" || attribute.endsWith("_repository_url"))
    return `${MOCK_ACCOUNT}.dkr.ecr.${MOCK_REGION}.amazonaws.com/mock`;
  if (attribute === "issuer" || attribute.endsWith("issuer_url"))
    return `https://oidc.eks.${MOCK_REGION}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;
  if (attribute === "endpoint" && anyType === "aws_eks_cluster") return `https://0123456789ABCDEF.gr7.${MOCK_REGION}.eks.amazonaws.com`;
  if (attribute === "data" || attribute.endsWith("certificate_authority_data")) return "bW9jay1jZXJ0aWZpY2F0ZQ==";
  if (/(endpoint|address|dns_name)$/.test(attribute)) return `mock.${MOCK_REGION}.amazonaws.com`;
  return `mock-${attribute.replace(/_/g, "-")}`;
}

/** A resource type suggested by an output name such as `alarm_topic_arn` (for ARN shapes). */
function guessTypeFromName(name: string): string {
  const hints: [RegExp, string][] = [
    [/topic/, "aws_sns_topic"],
    [/secret/, "aws_secretsmanager_secret"],
    [/kms/, "aws_kms_key"],
    [/role/, "aws_iam_role"],
    [/target_group/, "aws_lb_target_group"],
    [/cache|replication_group/, "aws_elasticache_replication_group"],
    [/database|db_/, "aws_db_instance"],
    [/opensearch/, "aws_opensearch_domain"],
    [/queue/, "aws_sqs_queue"],
  ];
  return hints.find(([pattern]) => pattern.test(name))?.[1] ?? "aws_";
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.[^.}]+\.([^}]+)\}$/;

/** A mock of one declared output value: literals stay, references become plausible values. */
function mockOutputValue(name: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mockOutputValue(name, item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mockOutputValue(name, item)]));
  }
  if (typeof value !== "string" || !value.includes("${")) return value;
  const reference = REFERENCE.exec(value);
  // The last attribute of the path names the value (`master_user_secret[0].secret_arn`).
  const attribute = reference?.[2]
    .split(".")
    .pop()
    ?.replace(/\[\d+\]$/, "");
  if (!reference || reference[1] === "data" || !attribute) return mockAttribute(undefined, name);
  return mockAttribute(reference[1], attribute === "name" ? name : attribute);
}

/** Values shaped like a producer stack's declared outputs, for `override_data` of its remote state. */
export function mockOutputs(producer: StackJson): Record<string, unknown> {
  const outputs = (producer.output ?? {}) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, mockOutputValue(name, value)]));
}

export interface TerraformTestResult {
  /** Stacks planned and applied (then destroyed) against the mocked provider. */
  readonly tested: readonly string[];
  /** Stacks that need providers the mirror lacks, with those providers. */
  readonly skipped: readonly { stack: string; providers: string[] }[];
  readonly passed: boolean;
  /** Terraform's own report of the run (init output too when init failed). */
  readonly output: string;
}

export interface TerraformTestOptions {
  /** Which stacks to test, by name. @default every stack under `<outdir>/stacks` */
  readonly include?: (stack: string) => boolean;
}

interface Composition {
  readonly aliases: Set<string>;
  readonly resourceTypes: Set<string>;
  /** `module.<stack>.data.terraform_remote_state.<name>` → producer stack name. */
  readonly remoteStates: Map<string, string>;
}

/** Moves a stack's providers and backend to the root and records what the mocks must cover. */
function asMockedModule(composition: Composition) {
  return (stack: string, config: StackJson) => {
    const aliases = (config.provider?.aws ?? []).map((p) => p.alias).filter((a): a is string => typeof a === "string");
    for (const alias of aliases) composition.aliases.add(alias);
    for (const type of Object.keys((config.resource ?? {}) as object)) composition.resourceTypes.add(type);
    const remoteStates =
      ((config.data ?? {}) as { terraform_remote_state?: Record<string, { config: { key: string } }> }).terraform_remote_state ?? {};
    for (const [name, state] of Object.entries(remoteStates)) {
      const producer =
        state.config.key
          .split("/")
          .pop()
          ?.replace(/\.tfstate$/, "") ?? "";
      composition.remoteStates.set(`module.${stack}.data.terraform_remote_state.${name}`, producer);
    }
    const { provider: _provider, terraform, ...rest } = config;
    rest.resource = withoutPreventDestroy(rest.resource as Resources | undefined);
    const { backend: _backend, ...settings } = terraform ?? {};
    const aws = {
      ...settings.required_providers?.aws,
      ...(aliases.length > 0 ? { configuration_aliases: aliases.map((a) => `aws.${a}`) } : {}),
    };
    const providers = Object.fromEntries([["aws", "aws"], ...aliases.map((a) => [`aws.${a}`, `aws.${a}`])]);
    return {
      config: { ...rest, terraform: { ...settings, required_providers: { ...settings.required_providers, aws } } },
      module: { providers },
    };
  };
}

type Resources = Record<string, Record<string, { lifecycle?: Record<string, unknown> } & Record<string, unknown>>>;

/**
 * `terraform test` destroys what its runs applied; `prevent_destroy` would stop that cleanup of
 * mock state. Protection itself is pinned by the stacks' own tests, not here.
 */
function withoutPreventDestroy(resources: Resources | undefined): Resources | undefined {
  if (resources === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [
      type,
      Object.fromEntries(
        Object.entries(byName).map(([name, { lifecycle, ...body }]) => {
          const { prevent_destroy: _preventDestroy, ...kept } = lifecycle ?? {};
          return [name, Object.keys(kept).length > 0 ? { ...body, lifecycle: kept } : body];
        }),
      ),
    ]),
  );
}

/** `mock_resource` defaults: realistic ARNs where the type has a computed `arn`, EC2-style IDs, indexed nested values. */
function mockResourceDefaults(types: Iterable<string>, schema: ProviderSchema): Record<string, Record<string, unknown>> {
  const defaults: Record<string, Record<string, unknown>> = {};
  for (const type of [...types].sort()) {
    const attributes = schema.resource_schemas[type]?.block.attributes ?? {};
    const values: Record<string, unknown> = { ...NESTED_DEFAULTS[type]?.() };
    // Known at plan, every computed value must be fixed: a random one would change at apply.
    if (KNOWN_AT_PLAN.has(type)) {
      for (const [name, attribute] of Object.entries(attributes)) {
        if (attribute.computed && !(name in values)) values[name] = emptyOfType(attribute.type);
      }
    }
    if (attributes.arn?.computed) values.arn = mockArn(type);
    const id = mockId(type);
    if (id !== undefined) values.id = id;
    if (Object.keys(values).length > 0) defaults[type] = values;
  }
  return defaults;
}

interface ProviderSchema {
  resource_schemas: Record<string, { block: { attributes?: Record<string, { computed?: boolean; type?: unknown }> } }>;
}

/** A fixed value of a Terraform attribute type: "mock", 0, false or an empty collection. */
function emptyOfType(type: unknown): unknown {
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type)) return type[0] === "map" || type[0] === "object" ? {} : [];
  return "mock";
}

/** The AWS provider's resource attributes; loaded once per process (about 9 s here). */
let cachedSchema: ProviderSchema | undefined;

function awsSchema(root: string, env: NodeJS.ProcessEnv): ProviderSchema {
  if (cachedSchema) return cachedSchema;
  const run = spawnSync("terraform", ["providers", "schema", "-json"], { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const schemas = (JSON.parse(run.stdout) as { provider_schemas: Record<string, ProviderSchema> }).provider_schemas;
  const aws = Object.entries(schemas).find(([address]) => address.endsWith("/hashicorp/aws"))?.[1];
  if (!aws) throw new Error(`terraform providers schema returned no hashicorp/aws schema: ${run.stderr}`);
  // Keep only what the mocks read, not the descriptions.
  const resource_schemas = Object.fromEntries(
    Object.entries(aws.resource_schemas).map(([type, { block }]) => [
      type,
      {
        block: {
          attributes: Object.fromEntries(
            Object.entries(block.attributes ?? {}).map(([name, a]) => [name, { computed: a.computed, type: a.type }]),
          ),
        },
      },
    ]),
  );
  cachedSchema = { resource_schemas };
  return cachedSchema;
}

const hcl = (value: unknown) => JSON.stringify(value);

/** The test file: mocked providers, remote-state overrides, then plan and apply. */
function testFile(composition: Composition, schema: ProviderSchema, stacksDir: string): string {
  const defaults = mockResourceDefaults(composition.resourceTypes, schema);
  const mocks = Object.entries(defaults)
    .map(
      ([type, values]) =>
        `  mock_resource ${hcl(type)} {\n` +
        `${KNOWN_AT_PLAN.has(type) ? "    override_during = plan\n" : ""}    defaults = ${hcl(values)}\n  }\n`,
    )
    .join("");
  const providers = [undefined, ...[...composition.aliases].sort()]
    .map((alias) => `mock_provider "aws" {\n${alias ? `  alias = ${hcl(alias)}\n` : ""}${mocks}}\n`)
    .join("\n");
  const overrides = [...composition.remoteStates.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([target, producer]) => {
      const json = JSON.parse(readFileSync(join(stacksDir, producer, "cdk.tf.json"), "utf8")) as StackJson;
      return `override_data {\n  target = ${target}\n  values = ${hcl({ outputs: mockOutputs(json) })}\n}\n`;
    })
    .join("\n");
  return `${providers}\n${overrides}\nrun "plan" {\n  command = plan\n}\n\nrun "apply" {\n  command = apply\n}\n`;
}

/** Root module: the AWS provider (and every alias a stack uses) declared once, then mocked. */
function rootModule(composition: Composition, version: string): object {
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version } } },
    provider: { aws: [{}, ...[...composition.aliases].sort().map((alias) => ({ alias }))] },
  };
}

/** Plans and applies every AWS-only stack under `<outdir>/stacks` with mocked providers. */
export function testStacks(outdir: string, pluginDir: string, options: TerraformTestOptions = {}): TerraformTestResult {
  const stacksDir = join(outdir, "stacks");
  const root = mkdtempSync(join(tmpdir(), "sparki-tftest-"));
  try {
    const composition: Composition = { aliases: new Set(), resourceTypes: new Set(), remoteStates: new Map() };
    const { composed, skipped } = composeStacks(stacksDir, root, asMockedModule(composition), options.include);
    if (composed.length === 0) return { tested: composed, skipped, passed: true, output: "" };
    const version = String(
      JSON.parse(readFileSync(join(root, composed[0], "main.tf.json"), "utf8")).terraform.required_providers.aws.version,
    );
    writeFileSync(join(root, "main.tf.json"), JSON.stringify(rootModule(composition, version)));
    const env = offlineTerraformEnv();
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color", `-plugin-dir=${pluginDir}`], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    if (init.status !== 0)
      return { tested: composed, skipped, passed: false, output: `terraform init failed\n${init.stderr}${init.stdout}` };
    const schema = awsSchema(root, env);
    mkdirSync(join(root, "tests"));
    writeFileSync(join(root, "tests", "stacks.tftest.hcl"), testFile(composition, schema, stacksDir));
    const run = spawnSync("terraform", ["test", "-no-color"], { cwd: root, env, encoding: "utf8", maxBuffer: 1 << 28 });
    return { tested: composed, skipped, passed: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
