/** Defaults of the cluster configuration fields (`cluster.*` in environments/<env>.yaml). */
import { ciRoleArn } from "../ci/role-names";

/** IAM roles granted cluster-admin through EKS access entries. @default none */
export const DEFAULT_CLUSTER_ADMIN_ROLE_ARNS: readonly string[] = [];

/** IAM roles granted read-only (AmazonEKSAdminViewPolicy) access. @default none */
export const DEFAULT_CLUSTER_READ_ONLY_ROLE_ARNS: readonly string[] = [];

/** An IAM role ARN: `arn:aws:iam::<12-digit account>:role/<optional path/>name`. */
export const IAM_ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/**
 * `cluster.adminRoleArns` of an environment file that leaves it out: the CI apply role the
 * bootstrap stack creates for that environment, which applies the platform stack.
 */
export function defaultAdminRoleArns(accountId: string, environment: string): string[] {
  return [ciRoleArn(accountId, environment, "apply")];
}

/**
 * `cluster.readOnlyRoleArns` of an environment file that leaves it out: the CI plan role the
 * bootstrap stack creates for that environment, which plans the platform stack.
 */
export function defaultReadOnlyRoleArns(accountId: string, environment: string): string[] {
  return [ciRoleArn(accountId, environment, "plan")];
}
