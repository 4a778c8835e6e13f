import { Construct } from "constructs";
import { ApplicationSecret, type SecretAccess } from "./application-secret";
import type { EncryptionKey } from "./encryption-key";

/** Where a secret's value comes from: generated with `get-random-password`, or issued by a third party. */
export type SecretSource = "generated" | "external";

export interface SecretSpec {
  /** Construct id and last part of the secret name. */
  readonly id: string;
  readonly description: string;
  readonly source: SecretSource;
}

/** The secrets Sparki's web and engine read at runtime (through the External Secrets Operator). */
export const APPLICATION_SECRETS: readonly SecretSpec[] = [
  {
    id: "sentry-dsn",
    source: "external",
    description: "Sentry DSN of the web and engine projects (Sentry: Project Settings > Client Keys)",
  },
  {
    id: "session-signing-key",
    source: "generated",
    description: "Key that signs web session cookies; generated, rotate by putting a new value",
  },
  {
    id: "github-app-private-key",
    source: "external",
    description: "PEM private key of the Sparki GitHub App, used by the engine to mint installation tokens",
  },
  {
    id: "github-webhook-secret",
    source: "generated",
    description: "Secret GitHub signs webhook deliveries with; generated here, then pasted into the GitHub App",
  },
  { id: "github-oauth-client-secret", source: "external", description: "OAuth client secret of the Sparki GitHub App, used for sign-in" },
];

export interface ApplicationSecretsProps {
  /** Name prefix of every secret, for example `sparki-prod`; secrets are `<prefix>/<id>`. */
  readonly prefix: string;
  readonly region: string;
  /** Key that encrypts the secrets. */
  readonly key: EncryptionKey;
  /** @default APPLICATION_SECRETS */
  readonly secrets?: readonly SecretSpec[];
  /** Adds Terraform `prevent_destroy` to every secret. @default true */
  readonly preventDestroy?: boolean;
  /** Resource policy of every secret: who may read and who may put values. @default no resource policy */
  readonly access?: SecretAccess;
}

/** The application's secrets, created empty and encrypted with one customer-managed key. */
export class ApplicationSecrets extends Construct {
  private readonly byId = new Map<string, ApplicationSecret>();

  constructor(scope: Construct, id: string, props: ApplicationSecretsProps) {
    super(scope, id);
    for (const spec of props.secrets ?? APPLICATION_SECRETS) {
      this.byId.set(
        spec.id,
        new ApplicationSecret(this, spec.id, {
          name: `${props.prefix}/${spec.id}`,
          description: spec.description,
          region: props.region,
          key: props.key,
          preventDestroy: props.preventDestroy,
          access: props.access,
          // An unprotected environment is rebuilt under the same names right after a teardown,
          // which a secret scheduled for deletion would block for the whole recovery window.
          recoveryWindowDays: props.preventDestroy === false ? 0 : undefined,
        }),
      );
    }
  }

  /** One secret by id (for example `sentry-dsn`), to grant a role read access. */
  secret(id: string): ApplicationSecret {
    const found = this.byId.get(id);
    if (!found) throw new Error(`no application secret "${id}"; known: ${[...this.byId.keys()].join(", ")}`);
    return found;
  }

  /** ARN of every secret by id. */
  get arns(): Record<string, string> {
    return Object.fromEntries([...this.byId].map(([id, secret]) => [id, secret.arn]));
  }
}
