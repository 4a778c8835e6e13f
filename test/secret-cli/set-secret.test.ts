import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSetSecret, type SetSecretIo } from "../../src/secret-cli/set-secret";

interface Recorded {
  code: number;
  stderr: string;
  stdout: string;
  calls: { command: string; args: readonly string[]; input: string }[];
  prompts: string[];
}

async function setSecret(argv: string[], value = "s3cr3t-value\n", exitCode = 0): Promise<Recorded> {
  const recorded: Recorded = { code: -1, stderr: "", stdout: "", calls: [], prompts: [] };
  const io: SetSecretIo = {
    stderr: (t) => (recorded.stderr += t),
    stdout: (t) => (recorded.stdout += t),
    readValue: async (prompt) => {
      recorded.prompts.push(prompt);
      return value;
    },
    run: async (command, args, input) => {
      recorded.calls.push({ command, args, input });
      return exitCode;
    },
  };
  recorded.code = await runSetSecret(argv, io);
  return recorded;
}

describe("npm run set-secret", () => {
  it("puts the value through the AWS CLI's standard input, in the environment's region, under sparki-<env>/<id>", async () => {
    const run = await setSecret(["prod", "sentry-dsn"]);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual([
      {
        command: "aws",
        args: [
          "secretsmanager",
          "put-secret-value",
          "--region",
          "us-east-1",
          "--secret-id",
          "sparki-prod/sentry-dsn",
          "--secret-string",
          "file:///dev/stdin",
          "--query",
          "VersionId",
          "--output",
          "text",
        ],
        // The newline that ended the input is not part of the value.
        input: "s3cr3t-value",
      },
    ]);
    expect(run.prompts).toEqual(["Value for sparki-prod/sentry-dsn (input hidden, Enter to finish): "]);
    // The value appears nowhere but on the child's standard input.
    expect(`${run.stdout}${run.stderr}${run.calls[0].args.join(" ")}`).not.toContain("s3cr3t-value");
  });

  it("keeps inner newlines of a multi-line value such as a PEM key", async () => {
    // Shaped like a PEM file (header, body, footer) without being one, so secret scanners stay quiet.
    const multiLine = "first line of the value\nsecond line\nlast line\n";
    const run = await setSecret(["dev", "github-app-private-key"], multiLine);
    expect(run.calls[0].input).toBe("first line of the value\nsecond line\nlast line");
  });

  it("refuses wrong arguments before reading anything, with exit code 2", async () => {
    for (const argv of [
      [],
      ["prod"],
      ["prod", "sentry-dsn", "extra"],
      ["prod", "sentry-dsn", "--value=x"],
      ["--secret-string", "x"],
      ["Prod", "sentry-dsn"],
      ["../prod", "sentry-dsn"],
    ]) {
      const run = await setSecret(argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.prompts).toEqual([]);
      expect(run.calls).toEqual([]);
      expect(run.stderr).toMatch(/^set-secret: .*\nusage: npm run set-secret -- <environment> <secret-id>/);
    }
    const unknownSecret = await setSecret(["prod", "database-password"]);
    expect(unknownSecret.stderr).toContain('no application secret "database-password"; known: sentry-dsn, session-signing-key');
    const unknownEnvironment = await setSecret(["qa", "sentry-dsn"]);
    expect(unknownEnvironment.code).toBe(2);
    expect(unknownEnvironment.stderr).toContain("no such environment file");
    expect(unknownEnvironment.calls).toEqual([]);
  });

  it("refuses an empty or oversized value without calling AWS", async () => {
    for (const value of ["", "\n", "   \n"]) {
      const run = await setSecret(["staging", "session-signing-key"], value);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("the value is empty; nothing was put");
      expect(run.calls).toEqual([]);
    }
    const big = await setSecret(["staging", "session-signing-key"], "x".repeat(65537));
    expect(big.code).toBe(2);
    expect(big.calls).toEqual([]);
    expect((await setSecret(["staging", "session-signing-key"], "x".repeat(65536))).code).toBe(0);
  });

  it("exits 1 when the AWS CLI fails", async () => {
    const run = await setSecret(["prod", "sentry-dsn"], "v\n", 254);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("put-secret-value failed (exit 254)");
  });

  it("through the real script: a piped value reaches aws on its standard input and is never printed", () => {
    // A stand-in `aws` first on PATH records its arguments and what it reads from /dev/stdin.
    const dir = mkdtempSync(join(tmpdir(), "sparki-set-secret-"));
    writeFileSync(join(dir, "aws"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat /dev/stdin > "${dir}/stdin"\necho v-123\n`);
    chmodSync(join(dir, "aws"), 0o755);
    const run = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/set-secret.ts", "dev", "sentry-dsn"], {
      input: "https://key@sentry.example/1\n",
      encoding: "utf8",
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, "stdin"), "utf8")).toBe("https://key@sentry.example/1");
    expect(readFileSync(join(dir, "args"), "utf8").trim().split("\n")).toContain("sparki-dev/sentry-dsn");
    expect(run.stdout).toBe("v-123\n");
    expect(`${run.stdout}${run.stderr}${readFileSync(join(dir, "args"), "utf8")}`).not.toContain("sentry.example");
  });
});
