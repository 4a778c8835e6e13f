/**
 * Environment-wide costs no Terraform resource carries: CloudWatch Logs ingestion (an assumption
 * from the environment's config) and the ALB that the AWS Load Balancer Controller creates in
 * Kubernetes for an ingress (Terraform only declares the ingress, so the ALB never appears as a
 * resource).
 */
import { ALB_AVERAGE_LCU } from "./defaults";
import { cents, monthlyFromHourly } from "./money";
import { CLOUDWATCH, ELB, VPC } from "./prices-us-east-1";
import type { StackView } from "./stack-view";
import type { EnvironmentAssumptions, LineItem } from "./types";

/** Stack name of environment-wide line items. */
export const ENVIRONMENT_WIDE = "(environment)";

const INGRESS_TYPES = ["kubernetes_ingress_v1", "kubernetes_ingress", "kubernetes_manifest", "helm_release"];
/** An ingress the AWS Load Balancer Controller serves: class `alb` or its annotations. */
const ALB_INGRESS = new RegExp(
  [
    /ingress_class_name"?\s*[:=]\s*"?alb\b/,
    /ingressClassName"?\s*:\s*"?alb\b/,
    /kubernetes\.io\/ingress\.class"?\s*:\s*"?alb\b/,
    /alb\.ingress\.kubernetes\.io\//,
  ]
    .map((alternative) => alternative.source)
    .join("|"),
);
const LOAD_BALANCER_CONTROLLER_CHART = "aws-load-balancer-controller";

export function impliedItems(stacks: readonly StackView[], assumptions: EnvironmentAssumptions): LineItem[] {
  const gib = assumptions.logIngestionGiBPerMonth;
  const items: LineItem[] = [
    {
      stack: ENVIRONMENT_WIDE,
      address: "implied:cloudwatch-logs-ingestion",
      description: `CloudWatch Logs ingestion: ${gib} GiB/month`,
      monthlyUsd: cents(gib * CLOUDWATCH.logIngestionGb),
      assumption: "budget.logIngestionGiBPerMonth of the environment file (or its default); log storage not counted",
    },
  ];
  const ingresses = stacks.flatMap((s) => s.resources.filter((r) => INGRESS_TYPES.includes(r.type) && servedByAlb(r.attributes)));
  const terraformAlbs = stacks.flatMap((s) =>
    s.resources.filter(
      (r) => (r.type === "aws_lb" || r.type === "aws_alb") && (r.attributes.load_balancer_type ?? "application") === "application",
    ),
  );
  const publicZones = () =>
    stacks.flatMap((s) => s.ofType("aws_subnet")).filter((subnet) => subnet.attributes.tags?.["kubernetes.io/role/elb"] === "1").length;
  // An internet-facing ALB Terraform creates spans the public subnets, with a public IPv4 address in each.
  for (const alb of terraformAlbs.filter((r) => r.attributes.internal !== true)) {
    const zones = publicZones();
    items.push({
      stack: alb.stack,
      address: `${alb.address}:public-ipv4`,
      description: `Internet-facing ALB: ${zones} public IPv4 addresses`,
      monthlyUsd: monthlyFromHourly(VPC.publicIpv4Hour, zones),
      assumption: "one per public subnet (tagged kubernetes.io/role/elb) of the environment",
    });
  }
  if (ingresses.length === 0 || terraformAlbs.length > 0) return items;

  items.push({
    stack: ENVIRONMENT_WIDE,
    address: "implied:ingress-alb",
    description: `ALB of the ingress (${ingresses.map((r) => r.address).join(", ")})`,
    monthlyUsd: cents(monthlyFromHourly(ELB.albHour) + monthlyFromHourly(ELB.albLcuHour, ALB_AVERAGE_LCU)),
    assumption: `one ALB per environment (ingresses share one ingress group); ${ALB_AVERAGE_LCU} LCU average, traffic above it not counted`,
  });
  if (ingresses.some((r) => JSON.stringify(r.attributes).includes("internet-facing"))) {
    const zones = publicZones();
    items.push({
      stack: ENVIRONMENT_WIDE,
      address: "implied:ingress-alb-public-ipv4",
      description: `Public IPv4 addresses of the internet-facing ALB: ${zones}`,
      monthlyUsd: monthlyFromHourly(VPC.publicIpv4Hour, zones),
      assumption: "one per public subnet (tagged kubernetes.io/role/elb) the ALB spans",
    });
  }
  return items;
}

function servedByAlb(attributes: Readonly<Record<string, any>>): boolean {
  if (attributes.chart === LOAD_BALANCER_CONTROLLER_CHART) return false; // the controller, not an ingress
  return ALB_INGRESS.test(JSON.stringify(attributes).replace(/\\"/g, '"'));
}
