/**
 * Load test of one environment at the original plan's 100 concurrent users: people browsing
 * the web front end, API clients of the engine, and WebSocket sessions on the engine's /ws.
 * Pass criteria come from the service level objectives (thresholds.json, generated from
 * load/thresholds.ts); k6 exits non-zero when one is missed.
 *
 *   npm run --silent load-thresholds > load/thresholds.json
 *   SPARKI_BASE_URL=https://staging.example.com SPARKI_LOAD_TOKEN=… k6 run load/sparki.ts
 */
import { check, sleep } from "k6";
import http from "k6/http";
import { Rate } from "k6/metrics";
import type { Options } from "k6/options";
import ws from "k6/ws";

/** Concurrent users, as the original plan states them: 60 browsing, 25 API clients, 15 live sessions. */
const USERS = { web: 60, api: 25, websocket: 15 } as const;
const DEFAULT_DURATION = "10m";
/** Seconds a WebSocket session stays open, pinging every PING_INTERVAL_MS. */
const SESSION_SECONDS = 30;
const PING_INTERVAL_MS = 5000;

const baseUrl = required("SPARKI_BASE_URL").replace(/\/$/, "");
const token = __ENV.SPARKI_LOAD_TOKEN;
const duration = __ENV.SPARKI_LOAD_DURATION || DEFAULT_DURATION;
const thresholds = JSON.parse(open("./thresholds.json")) as Record<string, string[]>;

const serverErrors = new Rate("server_errors");
const sessionFailed = new Rate("ws_session_failed");

export const options: Options = {
  scenarios: {
    browse: { executor: "constant-vus", vus: USERS.web, duration, exec: "browse", tags: { workload: "web" } },
    api: { executor: "constant-vus", vus: USERS.api, duration, exec: "api", tags: { workload: "engine" } },
    sessions: { executor: "constant-vus", vus: USERS.websocket, duration, exec: "sessions", tags: { workload: "engine" } },
  },
  thresholds,
  summaryTrendStats: ["avg", "p(90)", "p(99)", "max"],
};

const auth = (): { headers: Record<string, string> } => ({ headers: token ? { Authorization: `Bearer ${token}` } : {} });

export function browse(): void {
  for (const path of ["/", "/api/health"]) {
    const response = http.get(`${baseUrl}${path}`);
    serverErrors.add(response.status >= 500);
    check(response, { "page answered": (r) => r.status > 0 && r.status < 500 });
  }
  sleep(1 + Math.random() * 2);
}

export function api(): void {
  const response = http.get(`${baseUrl}/api/v1/pipelines?limit=20`, auth());
  serverErrors.add(response.status >= 500);
  check(response, { "api answered": (r) => r.status > 0 && r.status < 500 });
  sleep(1);
}

export function sessions(): void {
  const url = `${baseUrl.replace(/^http/, "ws")}/ws`;
  let answered = false;
  const response = ws.connect(url, auth(), (socket) => {
    socket.on("open", () => {
      socket.setInterval(() => socket.ping(), PING_INTERVAL_MS);
      socket.setTimeout(() => socket.close(), SESSION_SECONDS * 1000);
    });
    socket.on("pong", () => {
      answered = true;
    });
  });
  const opened = response !== null && response.status === 101;
  sessionFailed.add(!opened || !answered);
  check(response, { "websocket upgraded": () => opened, "websocket answered pings": () => answered });
}

interface SummaryData {
  readonly metrics: Record<
    string,
    { readonly thresholds?: Record<string, { readonly ok: boolean }>; readonly values: Record<string, number> }
  >;
}

/** A Markdown table of every threshold for the run summary, next to k6's own output. */
export function handleSummary(data: SummaryData): Record<string, string> {
  const rows = Object.entries(data.metrics).flatMap(([metric, { thresholds: results, values }]) =>
    Object.entries(results ?? {}).map(
      ([threshold, { ok }]) => `| \`${metric}\` | \`${threshold}\` | ${format(values)} | ${ok ? "pass" : "**FAIL**"} |`,
    ),
  );
  const passed = rows.every((row) => row.endsWith("| pass |"));
  const markdown = [
    `## Load test: ${passed ? "passed" : "FAILED"}`,
    "",
    `${USERS.web + USERS.api + USERS.websocket} concurrent users for ${duration} against ${baseUrl}; thresholds from ` +
      `src/slo/objectives.ts.`,
    "",
    "| metric | threshold | measured | result |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  return { "load/summary.md": markdown, "load/summary.json": JSON.stringify(data, null, 2), stdout: `${markdown}\n` };
}

function format(values: Record<string, number>): string {
  if (values.rate !== undefined) return `${(values.rate * 100).toFixed(3)} %`;
  return Object.entries(values)
    .filter(([name]) => name.startsWith("p("))
    .map(([name, value]) => `${name} ${value.toFixed(0)} ms`)
    .join(", ");
}

function required(name: string): string {
  const value = __ENV[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}
