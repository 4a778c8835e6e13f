import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PUBLIC_LOAD_BALANCER_TAG } from "../../policy/rules/network";
import { WORKLOAD_NAMES, WORKLOADS } from "../workloads/catalog";
import { DESYNC_MITIGATION_MODE, IDLE_TIMEOUT_SECONDS, TLS_POLICY } from "./defaults";
import type { WeightedForward } from "./weighted-forward";

const HTTP_PORT = 80;
const HTTPS_PORT = 443;

export interface PublicLoadBalancerProps {
  /** Name of the ALB and prefix of its security group, for example `sparki-prod` (ALB: ≤ 32 characters). */
  readonly name: string;
  readonly vpcId: string;
  /** Public subnets, one per zone. */
  readonly subnetIds: string[];
  /** Security group of the cluster nodes (and, with the VPC CNI, of the pods the targets are). */
  readonly nodeSecurityGroupId: string;
  /** ARN of the certificate the HTTPS listener presents. */
  readonly certificateArn: string;
  /** Where the HTTPS listener forwards requests no rule matches (web's weighted forward). */
  readonly defaultForward: WeightedForward;
  readonly accessLogs: { readonly bucketName: string; readonly bucketPolicy: ITerraformDependable };
  /**
   * Managed prefix list of the only sources admitted, on HTTPS alone (CloudFront's
   * origin-facing list when a distribution fronts the ALB). Port 80 is then closed: CloudFront
   * reaches the origin over HTTPS only.
   * @default none: 80 and 443 open to the internet
   */
  readonly originPrefixListId?: string;
  /** Refuse deletion through the API (`enable_deletion_protection`). @default false */
  readonly deletionProtection?: boolean;
}

/**
 * The internet-facing ALB in front of web and engine: HTTP redirects to HTTPS, HTTPS terminates
 * TLS 1.2/1.3, invalid header fields are dropped, desync attempts blocked, access logs written to
 * S3. Its security group admits 80/443 from anywhere and reaches only the workload ports of the
 * node security group, which in turn admits the ALB on exactly those ports.
 */
export class PublicLoadBalancer extends Construct {
  readonly arn: string;
  readonly arnSuffix: string;
  readonly dnsName: string;
  readonly zoneId: string;
  readonly securityGroupId: string;
  readonly httpsListenerArn: string;

  constructor(scope: Construct, id: string, props: PublicLoadBalancerProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "security-group", {
      name: `${props.name}-alb`,
      description: "Internet-facing ALB: HTTP/HTTPS from anywhere, to the workload ports of the cluster nodes",
      vpcId: props.vpcId,
      // The policy pack admits 0.0.0.0/0 on 80/443 only on a group tagged as a public load balancer.
      tags: { Name: `${props.name}-alb`, [PUBLIC_LOAD_BALANCER_TAG.key]: PUBLIC_LOAD_BALANCER_TAG.value },
    });
    if (props.originPrefixListId) {
      new VpcSecurityGroupIngressRule(this, `from-origin-prefix-list-${HTTPS_PORT}`, {
        securityGroupId: group.id,
        prefixListId: props.originPrefixListId,
        ipProtocol: "tcp",
        fromPort: HTTPS_PORT,
        toPort: HTTPS_PORT,
        description: "HTTPS from CloudFront's origin-facing addresses only",
      });
    } else {
      for (const port of [HTTP_PORT, HTTPS_PORT]) {
        new VpcSecurityGroupIngressRule(this, `from-internet-${port}`, {
          securityGroupId: group.id,
          cidrIpv4: "0.0.0.0/0",
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: port === HTTP_PORT ? "HTTP from the internet (redirected to HTTPS)" : "HTTPS from the internet",
        });
      }
    }
    for (const workload of WORKLOAD_NAMES) {
      const { port } = WORKLOADS[workload];
      new VpcSecurityGroupEgressRule(this, `to-${workload}`, {
        securityGroupId: group.id,
        referencedSecurityGroupId: props.nodeSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `Requests and health checks to ${workload} pods`,
      });
      new VpcSecurityGroupIngressRule(this, `nodes-from-alb-${workload}`, {
        securityGroupId: props.nodeSecurityGroupId,
        referencedSecurityGroupId: group.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `${workload} pods from the internet-facing ALB`,
      });
    }

    const lb = new Lb(this, "alb", {
      name: props.name,
      internal: false,
      loadBalancerType: "application",
      securityGroups: [group.id],
      subnets: props.subnetIds,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: DESYNC_MITIGATION_MODE,
      idleTimeout: IDLE_TIMEOUT_SECONDS,
      enableDeletionProtection: props.deletionProtection ?? false,
      accessLogs: { bucket: props.accessLogs.bucketName, enabled: true },
      tags: { Name: props.name },
      // ELB checks it may write to the bucket when logging is enabled.
      dependsOn: [props.accessLogs.bucketPolicy],
    });
    new LbListener(this, "http", {
      loadBalancerArn: lb.arn,
      port: HTTP_PORT,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" } }],
    });
    const https = new LbListener(this, "https", {
      loadBalancerArn: lb.arn,
      port: HTTPS_PORT,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "forward", forward: { ...props.defaultForward } }],
    });

    this.arn = lb.arn;
    this.arnSuffix = lb.arnSuffix;
    this.dnsName = lb.dnsName;
    this.zoneId = lb.zoneId;
    this.securityGroupId = group.id;
    this.httpsListenerArn = https.arn;
  }
}
