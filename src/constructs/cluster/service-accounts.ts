/**
 * Kubernetes service accounts that get an AWS identity through EKS Pod Identity. The cluster
 * stack makes the associations; the platform and apps stacks install the charts that create
 * these service accounts. One table, so the two sides cannot drift apart.
 */
export const PLATFORM_NAMESPACE = "platform";
export const OBSERVABILITY_NAMESPACE = "observability";
export const APPS_NAMESPACE = "apps";

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

export const SERVICE_ACCOUNTS = {
  vpcCni: { namespace: "kube-system", name: "aws-node" },
  ebsCsi: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
  loadBalancerController: { namespace: PLATFORM_NAMESPACE, name: "aws-load-balancer-controller" },
  externalSecrets: { namespace: PLATFORM_NAMESPACE, name: "external-secrets" },
  karpenter: { namespace: PLATFORM_NAMESPACE, name: "karpenter" },
  grafana: { namespace: OBSERVABILITY_NAMESPACE, name: "grafana" },
  fluentBit: { namespace: OBSERVABILITY_NAMESPACE, name: "fluent-bit" },
  web: { namespace: APPS_NAMESPACE, name: "web" },
  engine: { namespace: APPS_NAMESPACE, name: "engine" },
} as const satisfies Record<string, ServiceAccountRef>;

export type IdentityName = keyof typeof SERVICE_ACCOUNTS;

/**
 * Name of the Pod Identity role of one identity, `<prefix>-<identity in kebab case>` (for example
 * `sparki-prod-external-secrets`). Deterministic, so `<env>-core` can name these roles in resource
 * policies before `<env>-cluster` creates them.
 */
export function podIdentityRoleName(prefix: string, identity: IdentityName): string {
  return `${prefix}-${identity.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
