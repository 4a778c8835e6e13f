/**
 * Names of the per-account state bucket and its access-log bucket. Backends cannot reference
 * resources, so every stack derives the same name from the account and region instead.
 */
export function stateBucketName(accountId: string, region: string): string {
  return `sparki-tfstate-${accountId}-${region}`;
}

export function stateAccessLogBucketName(accountId: string, region: string): string {
  return `sparki-tfstate-logs-${accountId}-${region}`;
}

/** State object key of one stack: `<environment>/<stack>.tfstate`. */
export function stateKey(scope: string, stackName: string): string {
  return `${scope}/${stackName}.tfstate`;
}
