import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import {
  NetworkPolicyV1,
  type NetworkPolicyV1SpecEgress,
  type NetworkPolicyV1SpecIngress,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";

/** Label every namespace carries, for namespace selectors in network policies. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export interface PortRule {
  /** CIDR blocks, or namespaces by name. */
  readonly cidrs?: readonly string[];
  readonly namespaces?: readonly string[];
  /** TCP ports. @default all ports */
  readonly ports?: readonly number[];
}

export interface IsolatedNamespaceProps {
  readonly name: string;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Ingress allowed besides the namespace's own pods. @default none */
  readonly ingress?: readonly PortRule[];
  /** Egress allowed besides DNS and the namespace's own pods. @default none */
  readonly egress?: readonly PortRule[];
  /**
   * Let the namespace's pods reach each other on any port. Off where workloads bring their own
   * exact policies. @default DEFAULT_ALLOW_SAME_NAMESPACE
   */
  readonly allowSameNamespace?: boolean;
}

/** Pods of one namespace may talk to each other unless a namespace opts out. */
export const DEFAULT_ALLOW_SAME_NAMESPACE = true;

/** Link-local address of the EKS Pod Identity agent, where pods get their AWS credentials. */
export const POD_IDENTITY_AGENT_CIDR = "169.254.170.23/32";
const POD_IDENTITY_AGENT_PORT = "80";

const DNS_PORTS = [
  { port: "53", protocol: "UDP" },
  { port: "53", protocol: "TCP" },
];

/**
 * A namespace whose pods accept and send nothing by default (a deny-all NetworkPolicy for
 * ingress and egress, enforced by the VPC CNI's network policy agent), then allows: DNS to
 * CoreDNS, the Pod Identity agent (AWS credentials), traffic among its own pods (unless turned
 * off), and the listed rules.
 */
export class IsolatedNamespace extends Construct {
  readonly name: string;
  readonly namespace: NamespaceV1;

  constructor(scope: Construct, id: string, props: IsolatedNamespaceProps) {
    super(scope, id);
    this.namespace = new NamespaceV1(this, "namespace", { metadata: { name: props.name, labels: { ...(props.labels ?? {}) } } });
    const namespace = this.namespace.metadata.name;
    const policy = (
      policyId: string,
      spec: { policyTypes: string[]; ingress?: NetworkPolicyV1SpecIngress[]; egress?: NetworkPolicyV1SpecEgress[] },
    ) => new NetworkPolicyV1(this, policyId, { metadata: { name: policyId, namespace }, spec: { podSelector: {}, ...spec } });

    policy("default-deny", { policyTypes: ["Ingress", "Egress"] });
    policy("allow-dns", {
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: DNS_PORTS,
        },
      ],
    });
    policy("allow-pod-identity", {
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ port: POD_IDENTITY_AGENT_PORT, protocol: "TCP" }] }],
    });
    if (props.allowSameNamespace ?? DEFAULT_ALLOW_SAME_NAMESPACE) {
      policy("allow-same-namespace", {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      });
    }
    const peers = (rule: PortRule) => [
      ...(rule.cidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })),
      ...(rule.namespaces ?? []).map((name) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } })),
    ];
    const ports = (rule: PortRule) => (rule.ports ? { ports: rule.ports.map((port) => ({ port: String(port), protocol: "TCP" })) } : {});
    if (props.ingress?.length) {
      policy("allow-ingress", { policyTypes: ["Ingress"], ingress: props.ingress.map((rule) => ({ from: peers(rule), ...ports(rule) })) });
    }
    if (props.egress?.length) {
      policy("allow-egress", { policyTypes: ["Egress"], egress: props.egress.map((rule) => ({ to: peers(rule), ...ports(rule) })) });
    }
    this.name = props.name;
  }
}
