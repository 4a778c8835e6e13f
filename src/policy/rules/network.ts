/** Exposure to the internet. */
import { blocks, isTrue } from "../../terraform/json-values";
import type { PolicyRule, ResourceView, StackView } from "../types";

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
/** Ports an internet-facing load balancer may open to everyone. */
const PUBLIC_WEB_PORTS = new Set([80, 443]);
/** Tag marking a security group as an internet-facing load balancer's. */
export const PUBLIC_LOAD_BALANCER_TAG = { key: "sparki.dev/purpose", value: "public-load-balancer" } as const;

function isPublicLoadBalancerGroup(groupRef: unknown, stack: StackView): boolean {
  const group = stack.resources.find((r) => r.type === "aws_security_group" && `\${${r.address}.id}` === groupRef);
  return group?.attributes.tags?.[PUBLIC_LOAD_BALANCER_TAG.key] === PUBLIC_LOAD_BALANCER_TAG.value;
}

function openToWorld(cidrs: unknown[], fromPort: unknown, toPort: unknown, groupRef: unknown, stack: StackView): string | undefined {
  const open = cidrs.filter((c) => ANYWHERE.has(String(c)));
  if (open.length === 0) return undefined;
  const webOnly = fromPort === toPort && PUBLIC_WEB_PORTS.has(Number(fromPort));
  if (webOnly && isPublicLoadBalancerGroup(groupRef, stack)) return undefined;
  return (
    `ingress from ${open.join(", ")} on ports ${String(fromPort ?? "all")}-${String(toPort ?? "all")}; only 80/443 on a public ` +
    `load balancer's group may be open to everyone`
  );
}

export const networkRules: PolicyRule[] = [
  {
    id: "SPK-NET-OPEN-INGRESS",
    // checkov checks one port each: 22, 3389 and all traffic are covered by this rule; its port-80
    // check (CKV_AWS_260) is stricter than the load-balancer exception, so it is not mapped.
    checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"],
    description: "No ingress from 0.0.0.0/0 or ::/0, except 80/443 on an internet-facing load balancer",
    types: ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"],
    check: (r: ResourceView, stack) => {
      const a = r.attributes;
      if (r.type === "aws_vpc_security_group_ingress_rule")
        return openToWorld([a.cidr_ipv4, a.cidr_ipv6], a.from_port, a.to_port, a.security_group_id, stack);
      if (r.type === "aws_security_group_rule") {
        return a.type === "ingress"
          ? openToWorld([...(a.cidr_blocks ?? []), ...(a.ipv6_cidr_blocks ?? [])], a.from_port, a.to_port, a.security_group_id, stack)
          : undefined;
      }
      const messages = blocks(a.ingress)
        .map((rule) =>
          openToWorld(
            [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])],
            rule.from_port,
            rule.to_port,
            `\${${r.address}.id}`,
            stack,
          ),
        )
        .filter(Boolean);
      return messages[0];
    },
  },
  {
    id: "SPK-NET-PUBLIC-DB",
    checkov: "CKV_AWS_17",
    description: "Databases are not publicly accessible",
    types: ["aws_db_instance", "aws_rds_cluster_instance"],
    check: (r) => (isTrue(r.attributes.publicly_accessible) ? "publicly_accessible is true" : undefined),
  },
  {
    id: "SPK-NET-PUBLIC-IP",
    checkov: "CKV_AWS_130",
    description: "Subnets do not hand out public IPs on launch",
    types: ["aws_subnet"],
    check: (r) => (isTrue(r.attributes.map_public_ip_on_launch) ? "map_public_ip_on_launch is true" : undefined),
  },
];
