import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";

export interface AliasRecordsProps {
  readonly hostedZoneId: string;
  /** Hostnames that resolve to the load balancer, by role (the role is the record's construct ID). */
  readonly names: Readonly<Record<string, string>>;
  /**
   * What the names resolve to. `evaluateTargetHealth` must be false for a CloudFront
   * distribution (Route 53 cannot check its health).
   */
  readonly target: { readonly dnsName: string; readonly zoneId: string; readonly evaluateTargetHealth: boolean };
}

/**
 * Route 53 alias A records from each hostname to the load balancer (or the CloudFront
 * distribution in front of it). Alias queries are free and
 * follow the ALB's changing addresses. No AAAA records: the VPC is IPv4-only, so the ALB is not
 * dual-stack and an AAAA alias would have nothing to answer with.
 */
export class AliasRecords extends Construct {
  constructor(scope: Construct, id: string, props: AliasRecordsProps) {
    super(scope, id);
    // IDs by role (web, engine) keep Terraform addresses stable when a hostname changes.
    for (const [role, name] of Object.entries(props.names)) {
      new Route53Record(this, role, {
        zoneId: props.hostedZoneId,
        name,
        type: "A",
        alias: { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: props.target.evaluateTargetHealth },
      });
    }
  }
}
