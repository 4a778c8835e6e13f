import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { Construct } from "constructs";
import { checkPreconditions } from "../validation";
import { dbInstanceClassProblem, dbInstanceClassSpec } from "./instance-classes";
import { postgresParameters, postgresTuning, type PostgresTuning } from "./parameters";

export interface PostgresParameterGroupProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  /** Pinned engine version such as `17.5`; its major version picks the family. */
  readonly engineVersion: string;
  /** Instance class the memory settings are derived from. */
  readonly instanceClass: string;
}

/**
 * A PostgreSQL parameter group tuned for one instance class. The name carries a generated
 * suffix and the group is created before the old one is destroyed, so a major-version (family)
 * change swaps the group under a running database instead of failing or replacing it.
 */
export class PostgresParameterGroup extends Construct {
  readonly name: string;
  readonly tuning: PostgresTuning;

  constructor(scope: Construct, id: string, props: PostgresParameterGroupProps) {
    super(scope, id);
    checkPreconditions(this, dbInstanceClassProblem(props.instanceClass));
    const family = `postgres${props.engineVersion.split(".")[0]}`;
    this.tuning = postgresTuning(dbInstanceClassSpec(props.instanceClass));
    const group = new DbParameterGroup(this, "group", {
      namePrefix: `${props.name}-${family}-`,
      family,
      description: `PostgreSQL settings of ${props.name}, tuned for ${props.instanceClass}`,
      parameter: postgresParameters(this.tuning),
      lifecycle: { createBeforeDestroy: true },
    });
    this.name = group.name;
  }
}
