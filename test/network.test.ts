import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { Network, type NetworkProps } from "../src/constructs/network/network";
import { CoreStack } from "../stacks/core-stack";
import { bodies, environment, policyOf, resourcesOf, synthJson, testApp, type TerraformJson } from "./helpers/synth";

function core(name: string): TerraformJson {
  return synthJson(new CoreStack(testApp(), environment(name)));
}

function networkOnly(overrides: Partial<NetworkProps> = {}): TerraformJson {
  const stack = new TerraformStack(testApp(), "test");
  new Network(stack, "network", {
    name: "sparki-test",
    region: "eu-west-1",
    accountId: "123456789012",
    clusterName: "sparki-test",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    vpcCidr: "10.0.0.0/16",
    natGateways: "one-per-az",
    flowLogs: { retentionDays: 30, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/test" },
    ...overrides,
  });
  return synthJson(stack);
}

const tagged = (json: TerraformJson, tier: string) =>
  bodies(json, "aws_subnet").filter((s) => (s.tags as Record<string, string>)["sparki.dev/tier"] === tier);

describe("Network", () => {
  it("creates public, private and database subnets in every zone, inside the VPC and not overlapping", () => {
    const json = networkOnly();
    for (const tier of ["public", "private", "database"]) {
      expect(tagged(json, tier).map((s) => s.availability_zone)).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    }
    const cidrs = bodies(json, "aws_subnet").map((s) => s.cidr_block as string);
    expect(new Set(cidrs).size).toBe(9);
    // Private /19s come first; public and database /24s follow the reserved private slots.
    expect(tagged(json, "private").map((s) => s.cidr_block)).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    expect(tagged(json, "public").map((s) => s.cidr_block)).toEqual(["10.0.128.0/24", "10.0.129.0/24", "10.0.130.0/24"]);
    expect(bodies(json, "aws_subnet").every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  it("keeps existing subnet CIDRs when a zone is appended", () => {
    const two = networkOnly({ availabilityZones: ["eu-west-1a", "eu-west-1b"] });
    const three = networkOnly();
    const cidrsByZone = (json: TerraformJson) =>
      Object.fromEntries(bodies(json, "aws_subnet").map((s) => [(s.tags as Record<string, string>).Name, s.cidr_block]));
    const before = cidrsByZone(two);
    const after = cidrsByZone(three);
    for (const [name, cidr] of Object.entries(before)) expect(after[name]).toBe(cidr);
  });

  it("tags subnets for EKS load balancer and Karpenter discovery", () => {
    const json = networkOnly();
    for (const subnet of tagged(json, "public")) {
      expect(subnet.tags).toMatchObject({ "kubernetes.io/role/elb": "1", "kubernetes.io/cluster/sparki-test": "shared" });
    }
    for (const subnet of tagged(json, "private")) {
      expect(subnet.tags).toMatchObject({
        "kubernetes.io/role/internal-elb": "1",
        "kubernetes.io/cluster/sparki-test": "shared",
        "karpenter.sh/discovery": "sparki-test",
      });
    }
    for (const subnet of tagged(json, "database")) {
      expect(Object.keys(subnet.tags as object).some((k) => k.startsWith("kubernetes.io"))).toBe(false);
    }
  });

  it("routes each private zone through its own NAT gateway in prod", () => {
    const json = core("prod");
    const nats = resourcesOf(json, "aws_nat_gateway");
    expect(nats).toHaveLength(3);
    const privateDefaults = bodies(json, "aws_route").filter((r) => r.nat_gateway_id);
    expect(privateDefaults).toHaveLength(3);
    expect(new Set(privateDefaults.map((r) => r.nat_gateway_id)).size).toBe(3);
    expect(bodies(json, "aws_eip").every((e) => e.domain === "vpc")).toBe(true);
  });

  it("routes every private zone through a single NAT gateway in dev", () => {
    const json = core("dev");
    expect(resourcesOf(json, "aws_nat_gateway")).toHaveLength(1);
    const privateDefaults = bodies(json, "aws_route").filter((r) => r.nat_gateway_id);
    expect(privateDefaults).toHaveLength(2);
    expect(new Set(privateDefaults.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it("gives public subnets an internet route and database subnets none", () => {
    const json = networkOnly();
    const routes = bodies(json, "aws_route");
    expect(routes.filter((r) => r.gateway_id)).toHaveLength(1);
    const [databaseTable] = resourcesOf(json, "aws_route_table").filter(
      ([, t]) => (t.tags as Record<string, string>).Name === "sparki-test-database",
    );
    expect(databaseTable).toBeDefined();
    expect(routes.some((r) => String(r.route_table_id).includes(databaseTable[0]))).toBe(false);
    expect(bodies(json, "aws_route_table").every((t) => t.route === undefined)).toBe(true);
  });

  it("puts database and cache subnet groups on the database subnets", () => {
    const json = networkOnly();
    const [dbGroup] = bodies(json, "aws_db_subnet_group");
    const [cacheGroup] = bodies(json, "aws_elasticache_subnet_group");
    const databaseSubnetRefs = resourcesOf(json, "aws_subnet")
      .filter(([, s]) => (s.tags as Record<string, string>)["sparki.dev/tier"] === "database")
      .map(([name]) => `\${aws_subnet.${name}.id}`);
    expect(dbGroup.subnet_ids).toEqual(databaseSubnetRefs);
    expect(cacheGroup.subnet_ids).toEqual(databaseSubnetRefs);
  });

  it("always adds the S3 gateway endpoint; interface endpoints only where configured", () => {
    const dev = core("dev");
    const prod = core("prod");
    const services = (json: TerraformJson) =>
      bodies(json, "aws_vpc_endpoint")
        .map((e) => `${e.vpc_endpoint_type}:${e.service_name}`)
        .sort();
    expect(services(dev)).toEqual(["Gateway:com.amazonaws.us-east-1.s3"]);
    expect(services(prod)).toEqual([
      "Gateway:com.amazonaws.us-east-1.s3",
      "Interface:com.amazonaws.us-east-1.ecr.api",
      "Interface:com.amazonaws.us-east-1.ecr.dkr",
      "Interface:com.amazonaws.us-east-1.logs",
      "Interface:com.amazonaws.us-east-1.sts",
    ]);
    for (const endpoint of bodies(prod, "aws_vpc_endpoint").filter((e) => e.vpc_endpoint_type === "Interface")) {
      expect(endpoint.private_dns_enabled).toBe(true);
      expect(endpoint.subnet_ids).toHaveLength(3);
    }
  });

  it("sends flow logs to a KMS-encrypted log group with the configured retention", () => {
    const json = core("prod");
    const [flowLog] = bodies(json, "aws_flow_log");
    expect(flowLog).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs", max_aggregation_interval: 60 });
    // The core stack holds other log groups and roles too: follow the flow log's own references.
    const referenced = (attribute: unknown, type: string) => String(attribute).match(new RegExp(`^\\$\\{${type}\\.([^.]+)\\.`))![1];
    const group = json.resource!.aws_cloudwatch_log_group[referenced(flowLog.log_destination, "aws_cloudwatch_log_group")];
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    const roleName = referenced(flowLog.iam_role_arn, "aws_iam_role");
    const trust = policyOf(json.resource!.aws_iam_role[roleName], "assume_role_policy").Statement[0];
    expect(trust.Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Condition.StringEquals["aws:SourceAccount"]).toBe("333333333333");
    const writes = policyOf(bodies(json, "aws_iam_role_policy").find((p) => p.role === `\${aws_iam_role.${roleName}.id}`)!).Statement;
    expect(writes.flatMap((s) => [s.Resource].flat()).every((r: string) => r !== "*")).toBe(true);
  });

  it("locks down the default security group and opens no ingress to 0.0.0.0/0", () => {
    const json = core("prod");
    const [defaultGroup] = bodies(json, "aws_default_security_group");
    expect(defaultGroup.ingress).toBeUndefined();
    expect(defaultGroup.egress).toBeUndefined();
    for (const rule of bodies(json, "aws_vpc_security_group_ingress_rule")) {
      expect(rule.cidr_ipv4).not.toBe("0.0.0.0/0");
      expect(rule.description).toBeTruthy();
    }
    for (const group of bodies(json, "aws_security_group")) expect(group.description).toBeTruthy();
  });

  it("lets the database and cache accept only cluster nodes, on their own ports", () => {
    const json = core("prod");
    const groups = Object.fromEntries(
      resourcesOf(json, "aws_security_group").map(([name, g]) => [g.name, `\${aws_security_group.${name}.id}`]),
    );
    const rules = bodies(json, "aws_vpc_security_group_ingress_rule");
    const into = (group: string) => rules.filter((r) => r.security_group_id === groups[group]);
    expect(into("sparki-prod-database")).toEqual([
      expect.objectContaining({
        referenced_security_group_id: groups["sparki-prod-nodes"],
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
    expect(into("sparki-prod-cache")).toEqual([
      expect.objectContaining({
        referenced_security_group_id: groups["sparki-prod-nodes"],
        ip_protocol: "tcp",
        from_port: 6379,
        to_port: 6379,
      }),
    ]);
    expect(bodies(json, "aws_vpc_security_group_egress_rule").map((r) => r.security_group_id)).toEqual([groups["sparki-prod-nodes"]]);
  });
});
