/**
 * Burn-rate alerts under `promtool test rules`: series burning the budget 15× too fast must page
 * within the short window; series at half the sustainable rate must stay silent. promtool comes
 * with Debian's `prometheus` package; without it these tests are skipped, loudly.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ruleGroups } from "../../src/constructs/observability/rules/index";
import { SLO_BURN_ALERT } from "../../src/constructs/observability/rules/slo-rules";
import { HTTP_REQUEST_DURATION } from "../../src/constructs/observability/metrics-contract";

const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
const available = promtool.status === 0;
if (!available) {
  console.warn("\n*** SKIPPED: promtool not found; the burn-rate alert unit tests did not run (apt-get install prometheus) ***\n");
}

const context = { githubRepository: "sparki-dev/sparki-platform" };
const groups = ruleGroups(context);
const REQUESTS_PER_MINUTE = 1000;
const MINUTES = 7 * 60;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "sparki-promtool-"));
  writeFileSync(join(dir, "rules.yaml"), stringify({ groups }));
  return dir;
}

/** Counter series of `workload` where `badShare` of requests fail (5xx) or are slower than 1 s. */
function traffic(workload: string, kind: "availability" | "latency", badShare: number) {
  const per = (n: number) => `0+${n}x${MINUTES}`;
  const count = `${HTTP_REQUEST_DURATION}_count`;
  if (kind === "availability") {
    return [
      { series: `${count}{workload="${workload}", http_response_status_code="200"}`, values: per(REQUESTS_PER_MINUTE * (1 - badShare)) },
      { series: `${count}{workload="${workload}", http_response_status_code="500"}`, values: per(REQUESTS_PER_MINUTE * badShare) },
    ];
  }
  return [
    { series: `${count}{workload="${workload}", http_response_status_code="200"}`, values: per(REQUESTS_PER_MINUTE) },
    {
      series: `${HTTP_REQUEST_DURATION}_bucket{workload="${workload}", http_response_status_code="200", le="1"}`,
      values: per(REQUESTS_PER_MINUTE * (1 - badShare)),
    },
  ];
}

/** The annotations promtool must see: those of the generated rule for that workload, objective and severity. */
function expected(workload: string, slo: string, severity: string) {
  const rule = groups
    .flatMap((g) => g.rules ?? [])
    .find(
      (r) => r.alert === SLO_BURN_ALERT && r.labels?.workload === workload && r.labels?.slo === slo && r.labels?.severity === severity,
    )!;
  return { exp_labels: { workload, slo, severity }, exp_annotations: rule.annotations };
}

function runPromtool(tests: unknown[]): { status: number | null; output: string } {
  const dir = workspace();
  writeFileSync(join(dir, "test.yaml"), stringify({ rule_files: ["rules.yaml"], evaluation_interval: "1m", tests }));
  const run = spawnSync("promtool", ["test", "rules", "test.yaml"], { cwd: dir, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe.skipIf(!available)("burn-rate alerts under promtool", () => {
  it("promtool check rules accepts every generated rule", () => {
    const dir = workspace();
    const run = spawnSync("promtool", ["check", "rules", "rules.yaml"], { cwd: dir, encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // Lint findings (duplicate rules) print FAILED but exit 0 in promtool 2.x.
    expect(run.stdout + run.stderr).not.toContain("FAILED");
    expect(run.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it.each(["availability", "latency"] as const)("15× burn of the %s budget pages within the 5-minute short window", (slo) => {
    const result = runPromtool([
      {
        interval: "1m",
        input_series: traffic("engine", slo, slo === "availability" ? 0.075 : 0.15),
        alert_rule_test: [
          {
            eval_time: "5m",
            alertname: SLO_BURN_ALERT,
            exp_alerts: [expected("engine", slo, "critical"), expected("engine", slo, "warning")],
          },
        ],
      },
    ]);
    expect(result.status, result.output).toBe(0);
  });

  it.each(["availability", "latency"] as const)("0.5× burn of the %s budget stays silent for hours", (slo) => {
    const result = runPromtool([
      {
        interval: "1m",
        input_series: traffic("web", slo, slo === "availability" ? 0.0025 : 0.005),
        alert_rule_test: ["5m", "1h", "6h", "7h"].map((eval_time) => ({ eval_time, alertname: SLO_BURN_ALERT, exp_alerts: [] })),
      },
    ]);
    expect(result.status, result.output).toBe(0);
  });

  it("the harness is real: expecting silence under a 15× burn fails", () => {
    const result = runPromtool([
      {
        interval: "1m",
        input_series: traffic("web", "availability", 0.075),
        alert_rule_test: [{ eval_time: "5m", alertname: SLO_BURN_ALERT, exp_alerts: [] }],
      },
    ]);
    expect(result.status).not.toBe(0);
  });
});
