/**
 * Names of the CI roles the bootstrap stack creates per environment. Kept free of cdktf so the
 * configuration loader can default an environment's cluster access to them.
 */

/**
 * What a CI role does: `plan` runs read-only plans, `apply` runs reviewed applies, `drill`
 * restores the database into a scratch instance and deletes it (the disaster-recovery drill).
 */
export type CiRolePurpose = "plan" | "apply" | "drill";

/** IAM role name of an environment's CI role: `sparki-<env>-ci-<purpose>`. */
export function ciRoleName(environment: string, purpose: CiRolePurpose): string {
  return `sparki-${environment}-ci-${purpose}`;
}

/** ARN of an environment's CI role in its account. */
export function ciRoleArn(accountId: string, environment: string, purpose: CiRolePurpose): string {
  return `arn:aws:iam::${accountId}:role/${ciRoleName(environment, purpose)}`;
}
