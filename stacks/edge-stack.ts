import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { AccessLogBucket } from "../src/constructs/edge/access-log-bucket";
import { AliasRecords } from "../src/constructs/edge/alias-records";
import { CdnFront } from "../src/constructs/edge/cdn-front";
import { DnsValidatedCertificate } from "../src/constructs/edge/certificate";
import { CertificateExpiryAlarm } from "../src/constructs/edge/certificate-expiry-alarm";
import { EngineRoute } from "../src/constructs/edge/engine-route";
import { CLOUDFRONT_REGION } from "../src/constructs/edge/defaults";
import { PublicLoadBalancer } from "../src/constructs/edge/load-balancer";
import { PreviewRoutes } from "../src/constructs/edge/preview-routes";
import { ColourTargetGroups } from "../src/constructs/edge/target-groups";
import { EdgeWebAcl } from "../src/constructs/edge/web-acl";
import { weightedForward } from "../src/constructs/edge/weighted-forward";
import { COLOURS, EDGE_OUTPUTS, WORKLOAD_NAMES, type WorkloadName } from "../src/constructs/workloads/catalog";
import type { ReleaseFile } from "../src/release/schema";
import type { CoreStack } from "./core-stack";
import { CORE_OUTPUTS } from "./core-stack";
import { EnvironmentStack } from "./environment-stack";
import { StackOutputs } from "./stack-outputs";

export interface EdgeStackProps {
  readonly core: CoreStack;
  /** Release state: the traffic weights of each workload's colours. */
  readonly release: ReleaseFile;
}

/** Output naming the distribution's DNS name, for hand-made CNAMEs where no zone is configured. */
export const CDN_DOMAIN_NAME_OUTPUT = "cdn_domain_name";

/** CloudFront's origin-facing addresses (an AWS-managed prefix list): the only sources of an ALB behind it. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/**
 * `<env>-edge`: everything between the internet and the pods, AWS only. A TLS certificate, the
 * internet-facing ALB with one target group per workload and colour (weights from the release
 * file, so every traffic shift is a reviewed plan), the WAF, access logs and DNS. The apps stack
 * binds pods to the target groups through the outputs named in EDGE_OUTPUTS.
 */
export class EdgeStack extends EnvironmentStack {
  readonly loadBalancer: PublicLoadBalancer;

  constructor(scope: Construct, env: EnvironmentConfig, props: EdgeStackProps) {
    super(scope, env, "edge");
    const { account, edge } = env;
    const core = new StackOutputs(this, "core-outputs", props.core);
    const vpcId = core.string(CORE_OUTPUTS.vpcId);

    const certificate = edge.hostedZoneId
      ? new DnsValidatedCertificate(this, "certificate", {
          domain: edge.domain,
          alternativeNames: edge.engineHost ? [edge.engineHost] : [],
          hostedZoneId: edge.hostedZoneId,
        })
      : undefined;
    // The schema's rules require certificateArn whenever hostedZoneId is absent.
    const certificateArn = certificate?.arn ?? edge.certificateArn!;
    const alarmTopicArn = core.string(CORE_OUTPUTS.alarmTopicArn);
    new CertificateExpiryAlarm(this, "certificate-expiry", {
      name: `${this.resourcePrefix}-alb-certificate-expiry`,
      purpose: "the ALB's HTTPS listener",
      certificateArn,
      topicArn: alarmTopicArn,
    });

    const targetGroups = Object.fromEntries(
      WORKLOAD_NAMES.map((workload) => [
        workload,
        new ColourTargetGroups(this, `${workload}-target-groups`, { environment: env.name, workload, vpcId }),
      ]),
    ) as Record<WorkloadName, ColourTargetGroups>;
    const forward = (workload: WorkloadName) => weightedForward(targetGroups[workload].arns, props.release[workload].traffic);

    const { cdn } = edge;
    // Behind CloudFront the ALB admits only CloudFront's addresses, so its WAF cannot be bypassed
    // from the internet directly (another account's distribution still could: edge README).
    const originPrefixList = cdn.enabled
      ? new DataAwsEc2ManagedPrefixList(this, "cloudfront-origin-facing", { name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST })
      : undefined;

    const logs = new AccessLogBucket(this, "access-logs", {
      bucketName: `${this.resourcePrefix}-alb-logs-${account.id}-${account.region}`,
      accountId: account.id,
      region: account.region,
      retentionDays: edge.accessLogRetentionDays,
      preventDestroy: env.deletionProtection,
    });
    this.loadBalancer = new PublicLoadBalancer(this, "load-balancer", {
      name: this.resourcePrefix,
      vpcId,
      subnetIds: core.list(CORE_OUTPUTS.publicSubnetIds),
      nodeSecurityGroupId: core.string(CORE_OUTPUTS.nodeSecurityGroupId),
      certificateArn,
      defaultForward: forward("web"),
      accessLogs: { bucketName: logs.bucketName, bucketPolicy: logs.policy },
      originPrefixListId: originPrefixList?.id,
      deletionProtection: env.deletionProtection,
    });
    new EngineRoute(this, "engine-route", {
      listenerArn: this.loadBalancer.httpsListenerArn,
      forward: forward("engine"),
      host: edge.engineHost,
    });
    new PreviewRoutes(this, "preview-routes", {
      listenerArn: this.loadBalancer.httpsListenerArn,
      targetGroupArns: { web: targetGroups.web.arns, engine: targetGroups.engine.arns },
      engineHost: edge.engineHost,
    });

    new EdgeWebAcl(this, "waf", {
      name: this.resourcePrefix,
      loadBalancerArn: this.loadBalancer.arn,
      rateLimitPer5Minutes: edge.rateLimitPer5Minutes,
      logsKeyArn: core.string(CORE_OUTPUTS.logsKeyArn),
      logRetentionDays: env.observability.logRetentionDays,
      previewSourceCidrs: edge.previewSourceCidrs,
      // Behind CloudFront every source address is CloudFront's: the CDN's web ACL judges clients.
      clientAddressRules: !cdn.enabled,
    });

    const hostnames = { web: edge.domain, ...(edge.engineHost ? { engine: edge.engineHost } : {}) };
    const front = cdn.enabled
      ? new CdnFront(this, "cdn", {
          name: this.resourcePrefix,
          hostnames: Object.values(hostnames),
          originDomainName: this.loadBalancer.dnsName,
          provider: this.regionalProvider("aws-cloudfront", "us-east-1", CLOUDFRONT_REGION),
          hostedZoneId: edge.hostedZoneId,
          validationRecords: certificate?.validationRecords,
          certificateArn: cdn.certificateArn,
          priceClass: cdn.priceClass,
          alarmTopicArn,
          rateLimitPer5Minutes: edge.rateLimitPer5Minutes,
          previewSourceCidrs: edge.previewSourceCidrs,
          // The schema's rules keep CDN environments in us-east-1, so the core's logs key is there.
          logsKeyArn: core.string(CORE_OUTPUTS.logsKeyArn),
          logRetentionDays: env.observability.logRetentionDays,
        })
      : undefined;

    if (edge.hostedZoneId) {
      new AliasRecords(this, "dns", {
        hostedZoneId: edge.hostedZoneId,
        names: hostnames,
        target: front
          ? { dnsName: front.domainName, zoneId: front.hostedZoneId, evaluateTargetHealth: false }
          : { dnsName: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
      });
    }

    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    for (const workload of WORKLOAD_NAMES) {
      for (const colour of COLOURS) {
        output(
          EDGE_OUTPUTS.targetGroupArn(workload, colour),
          targetGroups[workload].arns[colour],
          `Target group of ${workload}-${colour} (TargetGroupBinding)`,
        );
        output(
          EDGE_OUTPUTS.targetGroupArnSuffix(workload, colour),
          targetGroups[workload].arnSuffixes[colour],
          `CloudWatch TargetGroup dimension of ${workload}-${colour}`,
        );
      }
    }
    output(
      EDGE_OUTPUTS.loadBalancerSecurityGroupId,
      this.loadBalancer.securityGroupId,
      "Security group of the ALB: the source the workloads admit",
    );
    output(EDGE_OUTPUTS.loadBalancerArnSuffix, this.loadBalancer.arnSuffix, "CloudWatch LoadBalancer dimension of the ALB");
    output(EDGE_OUTPUTS.loadBalancerDnsName, this.loadBalancer.dnsName, "DNS name of the ALB (CNAME target where Route 53 is not used)");
    if (front)
      output(CDN_DOMAIN_NAME_OUTPUT, front.domainName, "DNS name of the CloudFront distribution (CNAME target where Route 53 is not used)");
  }
}
