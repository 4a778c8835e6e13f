/**
 * The objects of the `platform-resources` chart, built with typed models (External Secrets'
 * ClusterSecretStore, Karpenter's EC2NodeClass and NodePool) and validated against their CRD
 * schemas. Values known only at apply time (the node role name and the volume key, read from the
 * cluster stack's state) enter through the declared references below.
 */
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import { EC2NodeClass } from "@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass";
import { NodePool } from "@kubernetes-models/karpenter/karpenter.sh/v1/NodePool";
import { valueRef, type ApplyTimeValue, type ChartObject } from "../helm/typed-chart";

/** Apply-time values of the chart, with what Helm accepts for each. */
export const PLATFORM_RESOURCES_VALUES = {
  nodeRoleName: {
    description: "IAM role name of Karpenter's nodes (Karpenter creates the instance profile)",
    pattern: "^[A-Za-z0-9+=,.@_-]{1,64}$",
  },
  volumeKmsKeyArn: {
    description: "KMS key ARN of the nodes' root volumes",
    pattern: "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$",
  },
} as const satisfies Record<string, ApplyTimeValue>;

/** Root volume of Karpenter's nodes. */
export const ROOT_VOLUME_GIB = 50;
/** IMDSv2 only, hop limit 1: pods get AWS credentials from Pod Identity, never the node's role. */
export const METADATA_HOP_LIMIT = 1;
/** Karpenter consolidates a node this long after it became empty or underused. */
export const CONSOLIDATE_AFTER = "1m";
/** Share of nodes Karpenter may disrupt at once. */
export const DISRUPTION_BUDGET = "10%";
/** Nodes are replaced after this long, to pick up new AMIs. */
export const EXPIRE_AFTER = "720h";
/** Instance generations strictly newer than this (older ones lack Nitro and current network speeds). */
export const MIN_INSTANCE_GENERATION = 5;

export interface PlatformResourcesObjectsProps {
  readonly secretStoreName: string;
  readonly region: string;
  readonly secretStoreNamespaces: readonly string[];
  readonly nodeClassName: string;
  readonly nodePoolName: string;
  readonly amiAlias: string;
  readonly discoveryTag: string;
  readonly capacityTypes: readonly string[];
  readonly architectures: readonly string[];
  readonly instanceCategories: readonly string[];
  readonly cpuLimit: number;
}

export function platformResourcesObjects(props: PlatformResourcesObjectsProps): ChartObject[] {
  const discovery = [{ tags: { "karpenter.sh/discovery": props.discoveryTag } }];
  return [
    new ClusterSecretStore({
      metadata: { name: props.secretStoreName },
      spec: {
        conditions: [{ namespaces: [...props.secretStoreNamespaces] }],
        // No auth block: the controller's own credentials from EKS Pod Identity, whose role
        // reads only this environment's secrets (<prefix>/*).
        provider: { aws: { service: "SecretsManager", region: props.region } },
      },
    }),
    new EC2NodeClass({
      metadata: { name: props.nodeClassName },
      spec: {
        role: valueRef("nodeRoleName"),
        amiSelectorTerms: [{ alias: props.amiAlias }],
        subnetSelectorTerms: discovery,
        securityGroupSelectorTerms: discovery,
        metadataOptions: {
          httpEndpoint: "enabled",
          httpProtocolIPv6: "disabled",
          httpTokens: "required",
          httpPutResponseHopLimit: METADATA_HOP_LIMIT,
        },
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: {
              volumeType: "gp3",
              volumeSize: `${ROOT_VOLUME_GIB}Gi`,
              encrypted: true,
              kmsKeyID: valueRef("volumeKmsKeyArn"),
              deleteOnTermination: true,
            },
          },
        ],
        tags: { "sparki.dev/provisioner": "karpenter" },
      },
    }),
    new NodePool({
      metadata: { name: props.nodePoolName },
      spec: {
        template: {
          metadata: { labels: { "sparki.dev/pool": "karpenter" } },
          spec: {
            nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: props.nodeClassName },
            expireAfter: EXPIRE_AFTER,
            requirements: [
              { key: "karpenter.sh/capacity-type", operator: "In", values: [...props.capacityTypes] },
              { key: "karpenter.k8s.aws/instance-category", operator: "In", values: [...props.instanceCategories] },
              { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: [String(MIN_INSTANCE_GENERATION)] },
              { key: "kubernetes.io/arch", operator: "In", values: [...props.architectures] },
            ],
          },
        },
        limits: { cpu: String(props.cpuLimit) },
        disruption: {
          consolidationPolicy: "WhenEmptyOrUnderutilized",
          consolidateAfter: CONSOLIDATE_AFTER,
          budgets: [{ nodes: DISRUPTION_BUDGET }],
        },
      },
    }),
  ];
}
