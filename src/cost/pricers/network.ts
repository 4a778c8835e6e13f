/** Network: NAT gateways, public IPv4 addresses, interface VPC endpoints and load balancers Terraform creates. */
import { cents, monthlyFromHourly } from "../money";
import { item, type Pricer } from "../pricer";
import { ELB, VPC } from "../prices-us-east-1";
import { ALB_AVERAGE_LCU } from "../defaults";

export const natGateway: Pricer = {
  types: ["aws_nat_gateway"],
  price: (r) => [
    item(r, "NAT gateway (hourly)", monthlyFromHourly(VPC.natGatewayHour), `data processing ($${VPC.natGatewayHour}/GB) not counted`),
  ],
};

export const elasticIp: Pricer = {
  types: ["aws_eip"],
  price: (r) => [item(r, "Public IPv4 address", monthlyFromHourly(VPC.publicIpv4Hour))],
};

export const vpcEndpoint: Pricer = {
  types: ["aws_vpc_endpoint"],
  price(r) {
    // Gateway endpoints (S3, DynamoDB) are free; interface endpoints bill per endpoint per zone.
    if (r.attributes.vpc_endpoint_type !== "Interface") return [];
    const zones = Array.isArray(r.attributes.subnet_ids) ? r.attributes.subnet_ids.length : 1;
    const service =
      String(r.attributes.service_name ?? "")
        .split(".")
        .slice(3)
        .join(".") || String(r.attributes.service_name);
    return [
      item(
        r,
        `Interface endpoint ${service} in ${zones} AZ${zones === 1 ? "" : "s"}`,
        monthlyFromHourly(VPC.interfaceEndpointAzHour, zones),
        "data processing ($0.01/GB) not counted",
      ),
    ];
  },
};

export const loadBalancer: Pricer = {
  types: ["aws_lb", "aws_alb"],
  price(r) {
    const type = (r.attributes.load_balancer_type as string | undefined) ?? "application";
    // NLB hour and NLCU list at the same rates as the ALB's in us-east-1.
    return [
      item(
        r,
        `Load balancer (${type})`,
        cents(monthlyFromHourly(ELB.albHour) + monthlyFromHourly(ELB.albLcuHour, ALB_AVERAGE_LCU)),
        `${ALB_AVERAGE_LCU} LCU average; traffic above it not counted`,
      ),
    ];
  },
};
