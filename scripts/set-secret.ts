// `npm run set-secret -- <environment> <secret-id>`: reads the value from standard input without
// echoing it and puts it with the AWS CLI (src/secret-cli/README.md).
import { spawn } from "node:child_process";
import { runSetSecret } from "../src/secret-cli/set-secret";

/** Reads standard input to its end; on a terminal, without echo, until Enter (or Ctrl-D). */
function readValue(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
      stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      stdin.on("error", reject);
    });
  }
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (result: string | Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener("data", onData);
      process.stderr.write("\n");
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish(value);
        if (char === "\u0003") return finish(new Error("interrupted; nothing was put"));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

function run(command: string, args: readonly string[], input: string): Promise<number> {
  return new Promise((resolve) => {
    // Node's stdin "pipe" is a socket on Linux, which `file:///dev/stdin` cannot open (ENXIO);
    // `cat |` hands the command a real pipe. The shell script is fixed; the command and its
    // arguments arrive as positional parameters, never parsed, and the value only on stdin.
    const child = spawn("sh", ["-c", 'cat | "$0" "$@"', command, ...args], { stdio: ["pipe", "inherit", "inherit"] });
    child.on("error", (error) => {
      process.stderr.write(`set-secret: cannot run ${command}: ${error.message}\n`);
      resolve(127);
    });
    child.on("close", (code) => resolve(code ?? 1));
    child.stdin.end(input);
  });
}

runSetSecret(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readValue,
  run,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
