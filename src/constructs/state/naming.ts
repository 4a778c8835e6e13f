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

/** Alias of the key that encrypts every state object of an account. */
export const STATE_KEY_ALIAS = "sparki-terraform-state";

/**
 * ARN of the state key's alias. Backends cannot reference the key resource, and a bare
 * `alias/...` would resolve in the caller's account; the full alias ARN names this account's key.
 */
export function stateKeyAliasArn(accountId: string, region: string): string {
  return `arn:aws:kms:${region}:${accountId}:alias/${STATE_KEY_ALIAS}`;
}
