import { OpensearchDomain } from "@cdktf/provider-aws/lib/opensearch-domain";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { LOG_SEARCH_ENGINE_VERSION, LOG_SEARCH_PORT, LOG_SEARCH_TLS_POLICY, logSearchZoneCount } from "./defaults";
import { DOMAIN_LOG_TYPES, DomainLogGroups, type DomainLogType } from "./domain-log-groups";
import { LogSearchAlarms } from "./log-search-alarms";
import { zoneAwarenessProblem } from "./zone-awareness";
import { checkPreconditions } from "../validation";

export interface LogSearchDomainProps {
  /** Domain name, 3–28 characters, for example `sparki-prod-logs`. */
  readonly domainName: string;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** One subnet per zone (the isolated data subnets); the first `zones` are used. */
  readonly subnetIds: string[];
  /** Availability zones of the environment; a zone-aware domain spreads over up to three. */
  readonly availabilityZones: number;
  /** Security group of the nodes: the only source admitted, on 443. */
  readonly nodeSecurityGroupId: string;
  readonly instanceType: string;
  readonly instanceCount: number;
  /** @default none: data nodes elect the master */
  readonly dedicatedMasters?: { readonly instanceType: string; readonly count: number };
  readonly zoneAwareness: boolean;
  readonly volumeGiB: number;
  /** Customer-managed key for data at rest (the domain's own `logs-search` key). */
  readonly kmsKeyArn: string;
  /** IAM role mapped as the fine-grained access control master user. */
  readonly masterRoleArn: string;
  /** KMS key of the domain's CloudWatch log groups (must grant CloudWatch Logs). */
  readonly logsKeyArn: string;
  readonly logRetentionDays: number;
  /** Terraform `prevent_destroy` on the domain. */
  readonly preventDestroy: boolean;
  readonly alarmTopicArn: string;
  /** @default LOG_SEARCH_ENGINE_VERSION */
  readonly engineVersion?: string;
  /** @default none: no Cognito sign-in; Dashboards takes only SigV4-signed requests */
  readonly cognito?: LogSearchCognito;
}

/** Cognito sign-in of Dashboards (`DashboardsSignIn`): the domain's `cognito_options`. */
export interface LogSearchCognito {
  readonly userPoolId: string;
  readonly identityPoolId: string;
  /** Role with `AmazonOpenSearchServiceCognitoAccess` that OpenSearch Service assumes. */
  readonly roleArn: string;
  /** What must exist before the domain uses the role (its policy attachment). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The Amazon OpenSearch Service domain container logs are shipped to, with OpenSearch
 * Dashboards at `<endpoint>/_dashboards`. In the VPC behind its own security group (443 from the
 * nodes only); encrypted at rest with its own key, between nodes and in transit (HTTPS only,
 * TLS 1.2+ with forward secrecy); fine-grained access control with an IAM master role and no
 * internal users (no password in state); gp3 storage; its logs published to encrypted groups;
 * alarms on the alarm topic.
 *
 * Access is two gates: the domain policy admits signed requests of this account's principals,
 * then fine-grained access control decides what each role may do (role mappings inside
 * OpenSearch; see the README's runbook).
 */
export class LogSearchDomain extends Construct {
  readonly arn: string;
  /** VPC endpoint hostname (no scheme). */
  readonly endpoint: string;
  readonly domainName: string;
  readonly securityGroupId: string;
  readonly alarmNames: string[];

  constructor(scope: Construct, id: string, props: LogSearchDomainProps) {
    super(scope, id);
    checkPreconditions(this, zoneAwarenessProblem(props));
    const zones = props.zoneAwareness ? logSearchZoneCount(props.availabilityZones) : 1;
    const domainArn = `arn:aws:es:${props.region}:${props.accountId}:domain/${props.domainName}`;

    const group = new SecurityGroup(this, "security-group", {
      name: `${props.domainName}-search`,
      description: `OpenSearch domain ${props.domainName}: HTTPS from the cluster nodes only`,
      vpcId: props.vpcId,
      tags: { Name: `${props.domainName}-search` },
    });
    new VpcSecurityGroupIngressRule(this, "https-from-nodes", {
      securityGroupId: group.id,
      referencedSecurityGroupId: props.nodeSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: LOG_SEARCH_PORT,
      toPort: LOG_SEARCH_PORT,
      description: "Fluent Bit, Dashboards port-forwards and other in-cluster clients",
    });

    const logGroups = new DomainLogGroups(this, "log-groups", {
      domainName: props.domainName,
      region: props.region,
      accountId: props.accountId,
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.logsKeyArn,
    });

    const masters = props.dedicatedMasters;
    const domain = new OpensearchDomain(this, "domain", {
      domainName: props.domainName,
      engineVersion: props.engineVersion ?? LOG_SEARCH_ENGINE_VERSION,
      clusterConfig: {
        instanceType: props.instanceType,
        instanceCount: props.instanceCount,
        zoneAwarenessEnabled: props.zoneAwareness,
        ...(props.zoneAwareness ? { zoneAwarenessConfig: { availabilityZoneCount: zones } } : {}),
        dedicatedMasterEnabled: masters !== undefined,
        ...(masters ? { dedicatedMasterType: masters.instanceType, dedicatedMasterCount: masters.count } : {}),
      },
      ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: props.volumeGiB },
      vpcOptions: { subnetIds: props.subnetIds.slice(0, zones), securityGroupIds: [group.id] },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: LOG_SEARCH_TLS_POLICY },
      advancedSecurityOptions: {
        enabled: true,
        anonymousAuthEnabled: false,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: props.masterRoleArn },
      },
      // Signed requests of this account's principals pass; fine-grained access control then
      // decides per role. Nothing outside the account, nothing unsigned.
      accessPolicies: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountPrincipalsThroughFineGrainedAccessControl",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: "es:ESHttp*",
            Resource: `${domainArn}/*`,
            Condition: { StringEquals: { "aws:PrincipalAccount": props.accountId } },
          },
        ],
      }),
      logPublishingOptions: (Object.keys(DOMAIN_LOG_TYPES) as DomainLogType[]).map((logType) => ({
        logType,
        cloudwatchLogGroupArn: logGroups.arns[logType],
        enabled: true,
      })),
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
      ...(props.cognito
        ? {
            cognitoOptions: {
              enabled: true,
              userPoolId: props.cognito.userPoolId,
              identityPoolId: props.cognito.identityPoolId,
              roleArn: props.cognito.roleArn,
            },
          }
        : {}),
      dependsOn: [logGroups.policy, ...(props.cognito?.dependsOn ?? [])],
      lifecycle: { preventDestroy: props.preventDestroy },
    });

    this.arn = domain.arn;
    this.endpoint = domain.endpoint;
    this.domainName = domain.domainName;
    this.securityGroupId = group.id;
    this.alarmNames = new LogSearchAlarms(this, "alarms", {
      domainName: props.domainName,
      accountId: props.accountId,
      volumeGiB: props.volumeGiB,
      instanceCount: props.instanceCount,
      topicArn: props.alarmTopicArn,
    }).names;
  }
}
