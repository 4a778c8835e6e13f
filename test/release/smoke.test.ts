/**
 * `release smoke` and the gate on shift and promote, against a local HTTP/WebSocket server on
 * 127.0.0.1 that plays the edge's preview route (every test bounded by a short timeout).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_HEADER, SMOKE_CHECKS, WORKLOADS } from "../../src/constructs/workloads/catalog";
import { EXIT_REFUSED, EXIT_SMOKE_FAILED } from "../../src/release/cli";
import { SMOKE_TOKEN_VARIABLE } from "../../src/release/smoke-checks";
import { acceptFor, clientFrame, readServerFrame } from "../../src/release/websocket-ping";
import { DIGEST_A, DIGEST_B, environmentsDir, fixtureText, release, releasesDir } from "./helpers";

const envs = environmentsDir();
const TOKEN = "smoke-test-token";
const NOW = "2026-11-30T08:00:00Z";

interface Behaviour {
  status: Record<string, number>;
  upgrade: "pong" | "silent" | "refuse";
}
let behaviour: Behaviour;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
const upgraded = new Set<import("node:stream").Duplex>();
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url!, headers: request.headers });
    const authenticated = request.url!.startsWith("/api/v1/");
    const status = authenticated && request.headers.authorization !== `Bearer ${TOKEN}` ? 401 : (behaviour.status[request.url!] ?? 200);
    response.writeHead(status).end();
  });
  server.on("upgrade", (request, socket) => {
    upgraded.add(socket);
    seen.push({ path: request.url!, headers: request.headers });
    if (behaviour.upgrade === "refuse") {
      socket.end("HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const accept = createHash("sha1")
      .update(`${request.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.on("data", (data: Buffer) => {
      if (behaviour.upgrade === "silent" || (data[0] & 0x0f) !== 0x9) return;
      const length = data[1] & 0x7f;
      const mask = data.subarray(2, 6);
      const payload = Buffer.from(data.subarray(6, 6 + length).map((b, i) => b ^ mask[i % 4]));
      socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload])); // unmasked pong
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const socket of upgraded) socket.destroy();
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  seen.length = 0;
  delete process.env[SMOKE_TOKEN_VARIABLE];
});
const healthy = (): Behaviour => ({ status: {}, upgrade: "pong" });

async function run(environment: string, fixture: string | { text: string }, ...args: string[]) {
  const dir = releasesDir(typeof fixture === "string" ? { [environment]: fixture } : {});
  if (typeof fixture !== "string") writeFileSync(join(dir, `${environment}.yaml`), fixture.text);
  const result = await release([...args, "--releases", dir, "--environments", envs, "--now", NOW]);
  const text = readFileSync(join(dir, `${environment}.yaml`), "utf8");
  return { ...result, text, file: parse(text), dir };
}

describe("release smoke", () => {
  it("checks the engine's idle colour through the preview route and records the pass for its image", async () => {
    behaviour = healthy();
    process.env[SMOKE_TOKEN_VARIABLE] = TOKEN;
    const r = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", baseUrl, "--timeout", "2");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.file.engine.green.smoke).toEqual({ image: DIGEST_B, passed: true, at: NOW });
    expect(seen.map((s) => s.path)).toEqual([
      WORKLOADS.engine.readinessPath,
      WORKLOADS.engine.livenessPath,
      SMOKE_CHECKS.engine.authenticatedApiPath,
      SMOKE_CHECKS.engine.webSocketPath,
    ]);
    expect(seen.every((s) => s.headers[PREVIEW_HEADER.toLowerCase()] === "green")).toBe(true);
    expect(seen.find((s) => s.path.startsWith("/api/v1/"))!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.stdout).toMatch(/pass {2}WebSocket ping \/ws: pong in \d+ ms/);
    // Only the smoke record changed: the rest of the file (comments included) is as it was.
    expect(r.text).toBe(
      fixtureText("engine-staged-green.yaml").replace(
        `  green: { image: "${DIGEST_B}", replicas: auto }\n  traffic: { blue: 100, green: 0 }\n  live: blue\n`,
        `  green: { image: "${DIGEST_B}", replicas: auto, smoke: { image: "${DIGEST_B}", passed: true, at: "${NOW}" } }\n  ` +
          `traffic: { blue: 100, green: 0 }\n  live: blue\n`,
      ),
    );
  });

  it("records a failure and exits 5 when a health endpoint fails; shift then refuses the colour", async () => {
    behaviour = { ...healthy(), status: { [WORKLOADS.engine.readinessPath]: 503 } };
    process.env[SMOKE_TOKEN_VARIABLE] = TOKEN;
    const r = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", baseUrl, "--timeout", "2");
    expect(r.code).toBe(EXIT_SMOKE_FAILED);
    expect(r.stdout).toContain(`FAIL  health ${WORKLOADS.engine.readinessPath}: HTTP 503`);
    expect(r.file.engine.green.smoke).toEqual({ image: DIGEST_B, passed: false, at: NOW });
    const shift = await run("prod", { text: r.text }, "shift", "prod", "engine");
    expect(shift.code).toBe(EXIT_REFUSED);
    expect(shift.stderr).toContain(`refused: green failed its last smoke test (${NOW})`);
    expect(shift.text).toBe(r.text);
  });

  it("fails without the token, naming the variable to set", async () => {
    behaviour = healthy();
    const r = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", baseUrl, "--timeout", "2");
    expect(r.code).toBe(EXIT_SMOKE_FAILED);
    expect(r.stdout).toContain(`no token: set ${SMOKE_TOKEN_VARIABLE}`);
  });

  it("fails when the WebSocket upgrade is refused or no pong comes back within the timeout", async () => {
    process.env[SMOKE_TOKEN_VARIABLE] = TOKEN;
    behaviour = { ...healthy(), upgrade: "refuse" };
    const refused = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", baseUrl, "--timeout", "2");
    expect(refused.stdout).toContain("FAIL  WebSocket ping /ws: the server answered the upgrade with HTTP 426, not 101");
    behaviour = { ...healthy(), upgrade: "silent" };
    const silent = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", baseUrl, "--timeout", "1");
    expect(silent.stdout).toContain("FAIL  WebSocket ping /ws: no pong within 1000 ms");
    expect(silent.code).toBe(EXIT_SMOKE_FAILED);
  });

  it("web: health and the start page, no token needed", async () => {
    behaviour = healthy();
    const r = await run("prod", "live-blue.yaml", "smoke", "prod", "web", "--base-url", baseUrl, "--timeout", "2");
    expect(r.code).toBe(EXIT_REFUSED); // green has no image yet
    expect(r.stderr).toContain("the idle colour green does not run");
    const staged = await run("prod", "staged-green.yaml", "smoke", "prod", "web", "--base-url", baseUrl, "--timeout", "2");
    expect(staged.code).toBe(0);
    expect(seen.map((s) => s.path)).toEqual([WORKLOADS.web.readinessPath, SMOKE_CHECKS.web.page]);
  });

  it("refuses a base URL that is not http(s) and writes nothing", async () => {
    const r = await run("prod", "engine-staged-green.yaml", "smoke", "prod", "engine", "--base-url", "ftp://example.com");
    expect(r.code).toBe(2);
    expect(r.text).toBe(fixtureText("engine-staged-green.yaml"));
  });
});

describe("the smoke gate on shift and promote", () => {
  it("shift refuses a colour that was never smoke-tested", async () => {
    const r = await run("prod", "engine-staged-green.yaml", "shift", "prod", "engine");
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.stderr).toContain("refused: green has not been smoke-tested");
    expect(r.stderr).toContain("fix: npm run release -- smoke prod engine --base-url <edge URL>");
    expect(r.text).toBe(fixtureText("engine-staged-green.yaml"));
  });

  it("shift refuses a pass recorded for another image (a newer image was staged since)", async () => {
    const stale = fixtureText("staged-green.yaml").replace(`smoke: { image: "${DIGEST_B}"`, `smoke: { image: "${DIGEST_A}"`);
    const r = await run("prod", { text: stale }, "shift", "prod", "web");
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.stderr).toContain(`ran against ${DIGEST_A}, not the image it runs now (${DIGEST_B})`);
  });

  it("promote refuses too, where no canary steps stand in between", async () => {
    const r = await run("dev", "engine-staged-green.yaml", "promote", "dev", "engine");
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.stderr).toContain("green has not been smoke-tested");
  });

  it("a recorded pass lets traffic move, and moving it back down needs none", async () => {
    expect((await run("prod", "staged-green.yaml", "shift", "prod", "web")).code).toBe(0);
    const unsmoked = fixtureText("canary-10.yaml").replace(/, smoke: \{[^}]*\}/, "");
    const down = await run("prod", { text: unsmoked }, "shift", "prod", "web", "--to", "5");
    expect(down.code).toBe(0);
    expect(down.file.web.traffic).toEqual({ blue: 95, green: 5 });
  });
});

describe("the minimal WebSocket client", () => {
  it("computes Sec-WebSocket-Accept as RFC 6455's example does", () => {
    expect(acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });

  it("masks client frames and reads server frames of every length encoding", () => {
    const frame = clientFrame(0x9, Buffer.from("hi"), Buffer.from([1, 2, 3, 4]));
    expect([...frame]).toEqual([0x89, 0x82, 1, 2, 3, 4, "h".charCodeAt(0) ^ 1, "i".charCodeAt(0) ^ 2]);
    const long = Buffer.concat([Buffer.from([0x81, 126, 0x01, 0x00]), Buffer.alloc(256, 7), Buffer.from([0x8a, 0])]);
    const first = readServerFrame(long)!;
    expect([first.opcode, first.payload.length]).toEqual([0x1, 256]);
    expect(readServerFrame(first.rest)).toMatchObject({ opcode: 0xa, payload: Buffer.alloc(0) });
    expect(readServerFrame(long.subarray(0, 100))).toBeUndefined();
  });
});
