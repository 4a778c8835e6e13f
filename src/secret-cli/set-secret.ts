/**
 * `npm run set-secret -- <environment> <secret-id>`: puts one application secret's value, read
 * from standard input, without it ever reaching a command line, an environment variable, a file
 * or the terminal. Exit codes: 0 put, 1 the AWS CLI failed, 2 usage or input error.
 */
import { ConfigError } from "../config/errors";
import { loadEnvironments } from "../config/load";
import { APPLICATION_SECRETS } from "../constructs/secrets/application-secrets";

/** Secrets Manager's limit on a secret value (SecretString), in bytes. */
export const MAX_SECRET_BYTES = 65536;

export const SET_SECRET_USAGE = [
  "usage: npm run set-secret -- <environment> <secret-id>",
  "  Reads the value from standard input: typed (not echoed) on a terminal, or piped.",
  `  secret ids: ${APPLICATION_SECRETS.map((s) => s.id).join(", ")}`,
  "",
].join("\n");

export interface SetSecretIo {
  readonly stderr: (text: string) => void;
  readonly stdout: (text: string) => void;
  /** Reads the value: hidden when standard input is a terminal (the prompt goes to stderr). */
  readonly readValue: (prompt: string) => Promise<string>;
  /** Runs a command with `input` on its standard input; resolves to its exit code. */
  readonly run: (command: string, args: readonly string[], input: string) => Promise<number>;
  /** @default "environments" */
  readonly environmentsDir?: string;
}

/** The AWS CLI call: the value travels on standard input only (`file:///dev/stdin`). */
export function putSecretValueArgs(secretName: string, region: string): string[] {
  return [
    "secretsmanager",
    "put-secret-value",
    "--region",
    region,
    "--secret-id",
    secretName,
    "--secret-string",
    "file:///dev/stdin",
    "--query",
    "VersionId",
    "--output",
    "text",
  ];
}

export async function runSetSecret(argv: readonly string[], io: SetSecretIo): Promise<number> {
  const usage = (problem: string) => {
    io.stderr(`set-secret: ${problem}\n${SET_SECRET_USAGE}`);
    return 2;
  };
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    io.stdout(SET_SECRET_USAGE);
    return 0;
  }
  // Positional only: a value passed as an argument would end up in shell history and `ps`.
  const flag = argv.find((a) => a.startsWith("-"));
  if (flag) return usage(`unknown option ${flag}; the value is read from standard input, never from arguments`);
  if (argv.length !== 2) return usage(`expected 2 arguments, got ${argv.length}`);
  const [environmentName, secretId] = argv;
  if (!/^[a-z][a-z0-9-]*$/.test(environmentName)) return usage(`"${environmentName}" is not an environment name`);
  const known = APPLICATION_SECRETS.map((s) => s.id);
  if (!known.includes(secretId)) return usage(`no application secret "${secretId}"; known: ${known.join(", ")}`);

  let region: string;
  try {
    [
      {
        account: { region },
      },
    ] = loadEnvironments(io.environmentsDir ?? "environments", { only: [environmentName] });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const secretName = `sparki-${environmentName}/${secretId}`;
  const value = stripOneNewline(await io.readValue(`Value for ${secretName} (input hidden, Enter to finish): `));
  // External Secrets cannot sync an empty secret, and an empty value is always a mistake here.
  if (value.trim() === "") return usage("the value is empty; nothing was put");
  if (Buffer.byteLength(value, "utf8") > MAX_SECRET_BYTES)
    return usage(`the value is longer than Secrets Manager's ${MAX_SECRET_BYTES} bytes; nothing was put`);

  const code = await io.run("aws", putSecretValueArgs(secretName, region), value);
  if (code !== 0) {
    io.stderr(
      `set-secret: aws secretsmanager put-secret-value failed (exit ${code}); nothing was changed unless it says otherwise above\n`,
    );
    return 1;
  }
  io.stderr(`set-secret: put a new version of ${secretName} in ${region}; External Secrets syncs it at its next refresh\n`);
  return 0;
}

/** A typed or piped value ends with the newline that finished it; a value may contain others (a PEM key). */
function stripOneNewline(value: string): string {
  return value.replace(/\r?\n$/, "");
}
