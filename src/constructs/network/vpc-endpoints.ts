import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";

export interface VpcEndpointsProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Route tables that get the S3 gateway endpoint. */
  readonly routeTableIds: readonly string[];
  /** Subnets (one per zone) where interface endpoints place their network interfaces. */
  readonly subnetIds: readonly string[];
  /** Service suffixes such as `ecr.api`; each becomes `com.amazonaws.<region>.<service>`. @default none */
  readonly interfaceServices?: readonly string[];
}

/**
 * The S3 gateway endpoint (free; keeps image layers and state off the NAT) and, where asked,
 * interface endpoints reachable on 443 from inside the VPC only.
 */
export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    new VpcEndpoint(this, "s3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [...props.routeTableIds],
      tags: { Name: `${props.name}-s3` },
    });

    const services = props.interfaceServices ?? [];
    if (services.length === 0) return;
    const endpointsGroup = new SecurityGroup(this, "security-group", {
      name: `${props.name}-vpc-endpoints`,
      description: "Interface VPC endpoints: HTTPS from inside the VPC",
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "https-from-vpc", {
      securityGroupId: endpointsGroup.id,
      cidrIpv4: props.vpcCidr,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs from inside the VPC",
    });
    for (const service of services) {
      new VpcEndpoint(this, service.replace(".", "-"), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [endpointsGroup.id],
        tags: { Name: `${props.name}-${service}` },
      });
    }
  }
}
