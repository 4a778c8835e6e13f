import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../src/config/schema";
import { Network } from "../src/constructs/network/network";
import { cloudWatchLogsGrant, EncryptionKey } from "../src/constructs/secrets/encryption-key";
import { EnvironmentStack } from "./environment-stack";

/**
 * `<env>-core`: the long-lived foundation of an environment: network and encryption keys
 * (and, as the data layer lands, secrets, PostgreSQL and Redis). Changes here are rare and reviewed.
 */
export class CoreStack extends EnvironmentStack {
  readonly network: Network;
  readonly logsKey: EncryptionKey;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, "core");
    const { account, network } = env;

    this.logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${this.resourcePrefix}-logs`,
      description: `Encrypts CloudWatch log groups of ${this.resourcePrefix}`,
      accountId: account.id,
      serviceGrants: [cloudWatchLogsGrant(account.region, account.id)],
      preventDestroy: env.deletionProtection,
    });

    this.network = new Network(this, "network", {
      name: this.resourcePrefix,
      region: account.region,
      accountId: account.id,
      clusterName: this.clusterName,
      availabilityZones: network.availabilityZones,
      vpcCidr: network.vpcCidr,
      subnetPrefixLength: network.subnetPrefixLength,
      natGateways: network.natGateways,
      interfaceEndpoints: network.interfaceEndpoints,
      flowLogs: { ...network.flowLogs, kmsKeyArn: this.logsKey.arn },
    });

    const output = (id: string, value: string | string[], description: string) =>
      new TerraformOutput(this, id, { value, description });
    output("vpc_id", this.network.vpcId, "VPC of the environment");
    output("private_subnet_ids", this.network.privateSubnetIds, "Subnets for EKS nodes and pods, one per zone");
    output("public_subnet_ids", this.network.publicSubnetIds, "Subnets for internet-facing load balancers");
    output("database_subnet_ids", this.network.databaseSubnetIds, "Isolated subnets for data stores");
    output("node_security_group_id", this.network.securityGroups.nodesId, "Security group for EKS nodes");
    output("logs_kms_key_arn", this.logsKey.arn, "KMS key for CloudWatch log groups");
  }
}
