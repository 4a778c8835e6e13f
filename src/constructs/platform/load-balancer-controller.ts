import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CHARTS } from "../helm/chart-catalog";
import { HelmRelease } from "../helm/helm-release";
import type { HelmValues } from "../helm/values";
import { SERVICE_ACCOUNTS } from "../cluster/service-accounts";
import { replicasFor, zoneSpread } from "./defaults";

/** Requests of each controller replica (it watches Ingresses, Services and TargetGroupBindings). */
export const LOAD_BALANCER_CONTROLLER_RESOURCES = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };
/**
 * Target type of load balancers that do not set one: `ip` sends traffic straight to pod IPs.
 * The chart's default, `instance`, goes through node ports, which the namespaces' default-deny
 * network policies drop.
 */
export const DEFAULT_TARGET_TYPE = "ip";

export interface LoadBalancerControllerProps {
  readonly clusterName: string;
  /** Given explicitly: with IMDS hop limit 1 the controller cannot look it up. */
  readonly region: string;
  /** Given explicitly, for the same reason. */
  readonly vpcId: string;
  readonly highAvailability: boolean;
  /** Per-environment value overrides. @default none */
  readonly overrides?: HelmValues;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** The AWS Load Balancer Controller: ALBs for Ingresses, NLBs for Services, with its Pod Identity role. */
export class LoadBalancerController extends Construct {
  readonly release: HelmRelease;

  constructor(scope: Construct, id: string, props: LoadBalancerControllerProps) {
    super(scope, id);
    const { namespace, name } = SERVICE_ACCOUNTS.loadBalancerController;
    const ha = props.highAvailability;
    this.release = new HelmRelease(this, "release", {
      name: "aws-load-balancer-controller",
      namespace,
      ...CHARTS.awsLoadBalancerController,
      defaults: {
        clusterName: props.clusterName,
        region: props.region,
        vpcId: props.vpcId,
        defaultTargetType: DEFAULT_TARGET_TYPE,
        replicaCount: replicasFor(ha),
        serviceAccount: { create: true, name },
        resources: LOAD_BALANCER_CONTROLLER_RESOURCES,
        podDisruptionBudget: ha ? { maxUnavailable: 1 } : {},
        topologySpreadConstraints: ha ? zoneSpread({ "app.kubernetes.io/name": "aws-load-balancer-controller" }) : [],
      },
      overrides: props.overrides,
      dependsOn: props.dependsOn,
    });
  }
}
