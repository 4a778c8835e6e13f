/**
 * The smoke test of one colour, through the edge's preview route (`PREVIEW_HEADER`): its health
 * endpoints, one page or one authenticated API call, and for the engine one WebSocket round
 * trip. Every request is bounded by a timeout; the result lists each check.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { PREVIEW_HEADER, SMOKE_CHECKS, WORKLOADS, type Colour, type WorkloadName } from "../constructs/workloads/catalog";
import { webSocketPing } from "./websocket-ping";

/** Seconds each request may take: far above the latency objective, well below a pipeline's patience. */
export const DEFAULT_SMOKE_TIMEOUT_SECONDS = 10;
/** Environment variable holding the bearer token of the smoke-test user (a CI secret, never a flag). */
export const SMOKE_TOKEN_VARIABLE = "SPARKI_SMOKE_TOKEN";

export interface SmokeTarget {
  /** The edge's base URL, for example `https://staging.sparki.dev`. */
  readonly baseUrl: URL;
  readonly workload: WorkloadName;
  readonly colour: Colour;
  /** Bearer token for the authenticated call; a check that needs it fails without it. */
  readonly token?: string;
  readonly timeoutMs: number;
}

export interface SmokeCheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export async function runSmokeChecks(target: SmokeTarget): Promise<SmokeCheckResult[]> {
  const spec = WORKLOADS[target.workload];
  const checks = SMOKE_CHECKS[target.workload];
  const results: SmokeCheckResult[] = [];
  for (const path of [...new Set([spec.readinessPath, spec.livenessPath])]) {
    results.push(await httpCheck(`health ${path}`, target, path, false, (status) => status >= 200 && status < 300));
  }
  // A start page may redirect to sign-in; anything below 400 rendered.
  if (checks.page)
    results.push(await httpCheck(`page ${checks.page}`, target, checks.page, false, (status) => status >= 200 && status < 400));
  if (checks.authenticatedApiPath) {
    results.push(
      target.token
        ? await httpCheck(
            `authenticated GET ${checks.authenticatedApiPath}`,
            target,
            checks.authenticatedApiPath,
            true,
            (status) => status >= 200 && status < 300,
          )
        : { name: `authenticated GET ${checks.authenticatedApiPath}`, passed: false, detail: `no token: set ${SMOKE_TOKEN_VARIABLE}` },
    );
  }
  if (checks.webSocketPath) results.push(await webSocketCheck(target, checks.webSocketPath));
  return results;
}

function headers(target: SmokeTarget, authenticated: boolean): Record<string, string> {
  return { [PREVIEW_HEADER]: target.colour, ...(authenticated && target.token ? { Authorization: `Bearer ${target.token}` } : {}) };
}

function httpCheck(
  name: string,
  target: SmokeTarget,
  path: string,
  authenticated: boolean,
  ok: (status: number) => boolean,
): Promise<SmokeCheckResult> {
  const url = new URL(path, target.baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      { method: "GET", headers: headers(target, authenticated), timeout: target.timeoutMs },
      (response) => {
        response.resume();
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          resolve({ name, passed: ok(status), detail: `HTTP ${status} in ${Math.round(performance.now() - started)} ms` });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${target.timeoutMs} ms`)));
    request.on("error", (error) => resolve({ name, passed: false, detail: error.message }));
    request.end();
  });
}

async function webSocketCheck(target: SmokeTarget, path: string): Promise<SmokeCheckResult> {
  const url = new URL(path, target.baseUrl);
  const name = `WebSocket ping ${path}`;
  try {
    const ms = await webSocketPing({ url, headers: headers(target, true), timeoutMs: target.timeoutMs });
    return { name, passed: true, detail: `pong in ${Math.round(ms)} ms` };
  } catch (error) {
    return { name, passed: false, detail: (error as Error).message };
  }
}
