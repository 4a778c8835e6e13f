import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { FlowLogs } from "./flow-logs";
import { WorkloadSecurityGroups } from "./security-groups";
import { DEFAULT_SUBNET_PREFIX_LENGTH, requireSubnetPlan, type SubnetPrefixLengths } from "./subnet-plan";
import { VpcEndpoints } from "./vpc-endpoints";

export interface NetworkProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  /** EKS cluster that will use the subnets; named in the discovery tags. */
  readonly clusterName: string;
  /** Zones in order. A zone's subnet CIDRs follow from its position: append, never reorder. */
  readonly availabilityZones: readonly string[];
  readonly vpcCidr: string;
  /** Prefix length of each tier's per-zone subnet. @default DEFAULT_SUBNET_PREFIX_LENGTH */
  readonly subnetPrefixLength?: SubnetPrefixLengths;
  /** `single`: one NAT gateway for all zones; `one-per-az`: each zone egresses through its own. */
  readonly natGateways: "single" | "one-per-az";
  /** Service suffixes for interface endpoints (for example `ecr.api`). @default none */
  readonly interfaceEndpoints?: readonly string[];
  readonly flowLogs: {
    readonly retentionDays: number;
    /** @default "ALL" */
    readonly trafficType?: "ALL" | "ACCEPT" | "REJECT";
    /** KMS key for the flow-log group; must grant CloudWatch Logs. */
    readonly kmsKeyArn: string;
  };
}

/**
 * A three-tier VPC: public subnets (load balancers, NAT), private subnets (EKS nodes and pods)
 * and isolated database subnets (no route to the internet), one of each per zone.
 */
export class Network extends Construct {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly databaseSubnetIds: string[];
  readonly privateRouteTableIds: string[];
  readonly dbSubnetGroupName: string;
  readonly cacheSubnetGroupName: string;
  readonly securityGroups: WorkloadSecurityGroups;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    const plan = requireSubnetPlan(this, props.vpcCidr, zones.length, props.subnetPrefixLength ?? DEFAULT_SUBNET_PREFIX_LENGTH);
    const named = (suffix: string, tags: Record<string, string> = {}) => ({ Name: `${props.name}-${suffix}`, ...tags });
    const clusterTag = { [`kubernetes.io/cluster/${props.clusterName}`]: "shared" };

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: named("vpc"),
    });
    // Adopt the default security group and strip its rules so nothing can use it by accident.
    new DefaultSecurityGroup(this, "default-security-group", { vpcId: vpc.id, tags: named("default-deny-all") });

    const subnets = (tier: "public" | "private" | "database", tags: Record<string, string>) =>
      zones.map(
        (zone, i) =>
          new Subnet(this, `${tier}-${zone}`, {
            vpcId: vpc.id,
            availabilityZone: zone,
            cidrBlock: plan[tier][i],
            mapPublicIpOnLaunch: false,
            tags: named(`${tier}-${zone}`, { "sparki.dev/tier": tier, ...tags }),
          }),
      );
    const publicSubnets = subnets("public", { ...clusterTag, "kubernetes.io/role/elb": "1" });
    const privateSubnets = subnets("private", {
      ...clusterTag,
      "kubernetes.io/role/internal-elb": "1",
      "karpenter.sh/discovery": props.clusterName,
    });
    const databaseSubnets = subnets("database", {});

    const gateway = new InternetGateway(this, "internet-gateway", { vpcId: vpc.id, tags: named("igw") });
    const publicRoutes = new RouteTable(this, "public-routes", { vpcId: vpc.id, tags: named("public") });
    new Route(this, "public-default-route", {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: gateway.id,
    });
    publicSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `public-${zones[i]}-association`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    });

    const natZones = props.natGateways === "one-per-az" ? zones : zones.slice(0, 1);
    const natGateways = natZones.map((zone, i) => {
      const address = new Eip(this, `nat-${zone}-address`, { domain: "vpc", tags: named(`nat-${zone}`) });
      return new NatGateway(this, `nat-${zone}`, {
        allocationId: address.allocationId,
        subnetId: publicSubnets[i].id,
        tags: named(`nat-${zone}`),
        dependsOn: [gateway],
      });
    });

    const privateRouteTables = zones.map((zone, i) => {
      const table = new RouteTable(this, `private-${zone}-routes`, { vpcId: vpc.id, tags: named(`private-${zone}`) });
      new Route(this, `private-${zone}-default-route`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id,
      });
      new RouteTableAssociation(this, `private-${zone}-association`, { subnetId: privateSubnets[i].id, routeTableId: table.id });
      return table;
    });

    // Database subnets have no default route: data stores neither reach nor are reached from the internet.
    const databaseRoutes = new RouteTable(this, "database-routes", { vpcId: vpc.id, tags: named("database") });
    databaseSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `database-${zones[i]}-association`, { subnetId: subnet.id, routeTableId: databaseRoutes.id });
    });

    const dbSubnetGroup = new DbSubnetGroup(this, "db-subnet-group", {
      name: `${props.name}-database`,
      description: `Database subnets of ${props.name}`,
      subnetIds: databaseSubnets.map((s) => s.id),
      tags: named("database"),
    });
    const cacheSubnetGroup = new ElasticacheSubnetGroup(this, "cache-subnet-group", {
      name: `${props.name}-cache`,
      description: `Cache subnets of ${props.name}`,
      subnetIds: databaseSubnets.map((s) => s.id),
      tags: named("cache"),
    });

    new VpcEndpoints(this, "endpoints", {
      name: props.name,
      region: props.region,
      vpcId: vpc.id,
      vpcCidr: props.vpcCidr,
      routeTableIds: [...privateRouteTables.map((t) => t.id), databaseRoutes.id],
      subnetIds: privateSubnets.map((s) => s.id),
      interfaceServices: props.interfaceEndpoints,
    });
    new FlowLogs(this, "flow-logs", {
      name: props.name,
      vpcId: vpc.id,
      region: props.region,
      accountId: props.accountId,
      retentionDays: props.flowLogs.retentionDays,
      trafficType: props.flowLogs.trafficType ?? "ALL",
      kmsKeyArn: props.flowLogs.kmsKeyArn,
    });
    this.securityGroups = new WorkloadSecurityGroups(this, "security-groups", {
      name: props.name,
      vpcId: vpc.id,
      clusterName: props.clusterName,
    });

    this.vpcId = vpc.id;
    this.vpcCidr = props.vpcCidr;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.databaseSubnetIds = databaseSubnets.map((s) => s.id);
    this.privateRouteTableIds = privateRouteTables.map((t) => t.id);
    this.dbSubnetGroupName = dbSubnetGroup.name;
    this.cacheSubnetGroupName = cacheSubnetGroup.name;
  }
}
