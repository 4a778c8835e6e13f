/**
 * A workload's NetworkPolicies: exactly the traffic it needs, on top of the apps namespace's
 * default deny (which already allows DNS and the Pod Identity agent). The VPC CNI's network
 * policy agent enforces them. With IP targets the ALB connects straight to pod IPs from its own
 * addresses in the public subnets (health checks too), so those CIDRs are the ALB's peer.
 */
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { INetworkPolicyPort } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort";
import { POSTGRES_PORT, REDIS_PORT } from "../network/security-groups";
import { NAMESPACE_NAME_LABEL } from "../platform/isolated-namespace";
import { OBSERVABILITY_NAMESPACE } from "../cluster/service-accounts";
import { OTLP_GRPC_PORT, OTLP_HTTP_PORT, WORKLOAD_NAMESPACE, WORKLOADS, workloadLabels, type WorkloadName } from "./catalog";

const HTTPS = 443;
const ANYWHERE = "0.0.0.0/0";

export interface WorkloadNetworkProps {
  readonly workload: WorkloadName;
  /** CIDRs of the public subnets, where the ALB's addresses are. */
  readonly loadBalancerCidrs: readonly string[];
  /** CIDRs of the database subnets (PostgreSQL and Valkey). */
  readonly dataStoreCidrs: readonly string[];
  /** Whether the workload talks to PostgreSQL and Valkey. */
  readonly usesDataStores: boolean;
}

const tcp = (...ports: number[]): INetworkPolicyPort[] => ports.map((port) => ({ port, protocol: "TCP" }));
const cidrs = (blocks: readonly string[]): INetworkPolicyPeer[] => blocks.map((cidr) => ({ ipBlock: { cidr } }));
const namespace = (name: string): INetworkPolicyPeer => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });

export function workloadNetworkPolicies(props: WorkloadNetworkProps): NetworkPolicy[] {
  const { workload } = props;
  const spec = WORKLOADS[workload];
  const podSelector = { matchLabels: workloadLabels(workload) };
  const metadata = (suffix: string) => ({ name: `${workload}-${suffix}`, namespace: WORKLOAD_NAMESPACE, labels: workloadLabels(workload) });
  return [
    new NetworkPolicy({
      metadata: metadata("ingress"),
      spec: {
        podSelector,
        policyTypes: ["Ingress"],
        ingress: [
          { from: cidrs(props.loadBalancerCidrs), ports: tcp(spec.port) },
          { from: [namespace(OBSERVABILITY_NAMESPACE)], ports: tcp(spec.metricsPort) },
        ],
      },
    }),
    new NetworkPolicy({
      metadata: metadata("egress"),
      spec: {
        podSelector,
        policyTypes: ["Egress"],
        egress: [
          ...(props.usesDataStores ? [{ to: cidrs(props.dataStoreCidrs), ports: tcp(POSTGRES_PORT, REDIS_PORT) }] : []),
          { to: [namespace(OBSERVABILITY_NAMESPACE)], ports: tcp(OTLP_GRPC_PORT, OTLP_HTTP_PORT) },
          // Sentry, GitHub and AWS APIs; their addresses are not stable enough for CIDRs.
          { to: cidrs([ANYWHERE]), ports: tcp(HTTPS) },
        ],
      },
    }),
  ];
}
