import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { Construct } from "constructs";

/**
 * What the engine may do: every key and channel, every command except the @dangerous category
 * (FLUSHALL, KEYS, CONFIG, DEBUG, …) that a job queue never needs.
 */
export const DEFAULT_APPLICATION_ACCESS_STRING = "on ~* &* +@all -@dangerous";

export interface CacheUsersProps {
  /** Resource name prefix, for example `sparki-prod`. */
  readonly name: string;
  readonly engine: "valkey" | "redis";
  /** @default DEFAULT_APPLICATION_ACCESS_STRING */
  readonly applicationAccessString?: string;
}

/**
 * RBAC users of the cache: one application user that authenticates with IAM (short-lived tokens
 * signed by the pod's role, so no password exists anywhere), and a disabled `default` user so
 * an unauthenticated connection can do nothing.
 */
export class CacheUsers extends Construct {
  readonly userGroupId: string;
  /** User name (equal to its id, as IAM authentication requires). */
  readonly applicationUserName: string;
  readonly applicationUserArn: string;

  constructor(scope: Construct, id: string, props: CacheUsersProps) {
    super(scope, id);
    const disabledDefault = new ElasticacheUser(this, "default-user", {
      userId: `${props.name}-default-off`,
      userName: "default",
      engine: props.engine,
      // "off" disables the user entirely, so it needs no password to be safe.
      accessString: "off -@all",
      authenticationMode: { type: "no-password-required" },
    });
    this.applicationUserName = `${props.name}-app`;
    const application = new ElasticacheUser(this, "application-user", {
      userId: this.applicationUserName,
      userName: this.applicationUserName,
      engine: props.engine,
      accessString: props.applicationAccessString ?? DEFAULT_APPLICATION_ACCESS_STRING,
      authenticationMode: { type: "iam" },
    });
    const group = new ElasticacheUserGroup(this, "user-group", {
      userGroupId: `${props.name}-cache`,
      engine: props.engine,
      userIds: [disabledDefault.userId, application.userId],
    });
    this.userGroupId = group.userGroupId;
    this.applicationUserArn = application.arn;
  }
}
