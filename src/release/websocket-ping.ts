/**
 * The smallest WebSocket client the smoke test needs (Node 20 has no global WebSocket): the
 * RFC 6455 opening handshake over `http`/`https`, one masked ping, and the pong every compliant
 * server must answer with the same payload. It proves the upgrade reaches the colour through the
 * load balancer and the connection carries frames; it speaks none of the application's protocol.
 */
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Duplex } from "node:stream";

/** The GUID RFC 6455 appends to the client key to compute Sec-WebSocket-Accept. */
const HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;

export function acceptFor(key: string): string {
  return createHash("sha1")
    .update(key + HANDSHAKE_GUID)
    .digest("base64");
}

/** A client frame: FIN set, masked (clients must mask), payload under 126 bytes. */
export function clientFrame(opcode: number, payload: Buffer, mask: Buffer = randomBytes(4)): Buffer {
  if (payload.length > 125) throw new Error("control frame payloads are at most 125 bytes");
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

/** Reads one unmasked server frame from the front of `data`, or undefined if it is incomplete. */
export function readServerFrame(data: Buffer): { opcode: number; payload: Buffer; rest: Buffer } | undefined {
  if (data.length < 2) return undefined;
  const opcode = data[0] & 0x0f;
  let length = data[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (data.length < offset + length) return undefined;
  return { opcode, payload: data.subarray(offset, offset + length), rest: data.subarray(offset + length) };
}

export interface PingOptions {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** Opens a WebSocket, sends a ping and resolves with the round-trip milliseconds once the matching pong arrives. */
export function webSocketPing(options: PingOptions): Promise<number> {
  const key = randomBytes(16).toString("base64");
  const payload = randomBytes(8);
  const secure = options.url.protocol === "wss:" || options.url.protocol === "https:";
  const request = (secure ? httpsRequest : httpRequest)(options.url, {
    headers: { ...options.headers, Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": key },
  });
  return new Promise<number>((resolve, reject) => {
    let socket: Duplex | undefined;
    const timer = setTimeout(() => fail(new Error(`no pong within ${options.timeoutMs} ms`)), options.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      request.destroy();
      socket?.destroy();
      reject(error);
    };
    request.on("error", fail);
    request.on("response", (response: IncomingMessage) => {
      response.resume();
      fail(new Error(`the server answered the upgrade with HTTP ${response.statusCode}, not 101`));
    });
    request.on("upgrade", (response: IncomingMessage, upgraded: Duplex, head: Buffer) => {
      socket = upgraded;
      if (response.headers["sec-websocket-accept"] !== acceptFor(key))
        return fail(new Error("the server's Sec-WebSocket-Accept does not match the key"));
      const sent = performance.now();
      let buffered = head;
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (let frame = readServerFrame(buffered); frame; frame = readServerFrame(buffered)) {
          buffered = frame.rest;
          if (frame.opcode === OPCODE_PONG && frame.payload.equals(payload)) {
            clearTimeout(timer);
            upgraded.end(clientFrame(OPCODE_CLOSE, Buffer.from([0x03, 0xe8])), () => upgraded.destroy()); // 1000: normal closure
            return resolve(performance.now() - sent);
          }
          if (frame.opcode === OPCODE_CLOSE) return fail(new Error("the server closed the connection before answering the ping"));
        }
      };
      upgraded.on("data", onData);
      upgraded.on("error", fail);
      upgraded.write(clientFrame(OPCODE_PING, payload));
      if (head.length > 0) onData(Buffer.alloc(0));
    });
    request.end();
  });
}
