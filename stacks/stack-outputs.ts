import { DataTerraformRemoteStateS3 } from "cdktf";
import { Construct } from "constructs";
import { stateRegion } from "../src/config/load";
import { stateBucketName, stateKey } from "../src/constructs/state/naming";
import type { EnvironmentStack } from "./environment-stack";

/**
 * Named outputs of another stack of the same environment, read from that stack's state.
 * Cross-stack values travel only this way: by output names the producer declares as its API
 * (cdktf's automatic cross-stack references name outputs after construct paths, so a refactor
 * of the producer would break its consumers, and finding them costs a full extra resolve pass).
 */
export class StackOutputs extends Construct {
  private readonly state: DataTerraformRemoteStateS3;

  constructor(consumer: EnvironmentStack, id: string, producer: EnvironmentStack) {
    super(consumer, id);
    consumer.addDependency(producer);
    const { env } = producer;
    this.state = new DataTerraformRemoteStateS3(this, "state", {
      bucket: stateBucketName(env.account.id, stateRegion(env)),
      key: stateKey(env.name, producer.node.id),
      region: stateRegion(env),
      encrypt: true,
    });
  }

  string(output: string): string {
    return this.state.getString(output);
  }

  list(output: string): string[] {
    return this.state.getList(output);
  }
}
