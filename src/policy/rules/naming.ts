/** AWS name limits, checked before apply instead of failing half-way through it. */
import { isReference } from "../../terraform/json-values";
import type { PolicyRule, ResourceView } from "../types";

interface NameLimit {
  readonly attribute: string;
  readonly max: number;
  readonly pattern?: RegExp;
  readonly rule: string;
}

/** Limits from the AWS API references of each service. */
const LIMITS: Record<string, NameLimit[]> = {
  aws_db_instance: [
    {
      attribute: "identifier",
      max: 63,
      pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
      rule: "lowercase letters, digits and single hyphens, starting with a letter",
    },
    { attribute: "identifier_prefix", max: 37, rule: "RDS appends 26 characters to a prefix" },
  ],
  aws_elasticache_replication_group: [
    {
      attribute: "replication_group_id",
      max: 40,
      pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/,
      rule: "lowercase letters, digits and single hyphens, starting with a letter",
    },
  ],
  aws_iam_role: [
    { attribute: "name", max: 64, pattern: /^[\w+=,.@-]+$/, rule: "letters, digits and +=,.@_-" },
    { attribute: "name_prefix", max: 38, rule: "IAM appends 26 characters to a prefix" },
  ],
  aws_cognito_user_pool_domain: [
    {
      attribute: "domain",
      max: 63,
      pattern: /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
      rule: "lowercase letters, digits and hyphens, no hyphen first or last, without aws, amazon or cognito",
    },
  ],
  aws_iam_policy: [{ attribute: "name", max: 128, pattern: /^[\w+=,.@-]+$/, rule: "letters, digits and +=,.@_-" }],
  aws_eks_node_group: [
    { attribute: "node_group_name", max: 63, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, rule: "letters, digits, _ and -" },
    { attribute: "node_group_name_prefix", max: 37, rule: "EKS appends 26 characters to a prefix" },
  ],
  aws_eks_cluster: [{ attribute: "name", max: 100, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, rule: "letters, digits, _ and -" }],
  aws_s3_bucket: [
    {
      attribute: "bucket",
      max: 63,
      // 3–63 lowercase letters, digits, dots and hyphens; no "..", not an IP address, no reserved prefix or suffix.
      pattern: new RegExp(
        [
          /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)/,
          /[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
          /(?<!-s3alias)(?<!--ol-s3)(?<!\.mrap)(?<!--x-s3)/,
        ]
          .map((part) => part.source)
          .join(""),
      ),
      rule: "3–63 lowercase letters, digits, '.' and '-', not an IP address, no xn--/sthree- prefix or -s3alias/--ol-s3 suffix",
    },
  ],
  aws_kms_alias: [
    {
      attribute: "name",
      max: 256,
      pattern: /^alias\/(?!aws\/)[A-Za-z0-9/_-]+$/,
      rule: "alias/ followed by letters, digits, /, _ and -, not alias/aws/",
    },
  ],
  aws_lb: [
    {
      attribute: "name",
      max: 32,
      pattern: /^(?!internal-)[A-Za-z0-9](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
      rule: "letters, digits and single hyphens",
    },
  ],
  aws_sqs_queue: [{ attribute: "name", max: 80, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, rule: "letters, digits, _ and -" }],
};

export const namingRules: PolicyRule[] = [
  {
    id: "SPK-NAME-LIMITS",
    description: "Names fit AWS length and character limits",
    types: Object.keys(LIMITS),
    check: (r: ResourceView) => {
      for (const limit of LIMITS[r.type]) {
        const name = r.attributes[limit.attribute];
        if (typeof name !== "string" || isReference(name)) continue;
        if (name.length > limit.max) return `${limit.attribute} "${name}" is ${name.length} characters; the limit is ${limit.max}`;
        if (limit.pattern && !limit.pattern.test(name)) return `${limit.attribute} "${name}" breaks the naming rule: ${limit.rule}`;
      }
      return undefined;
    },
  },
];
