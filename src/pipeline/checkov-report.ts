/** checkov's JSON output, reduced to what reviewers read: each failed check and where. */

export interface CheckovFailure {
  readonly id: string;
  readonly title: string;
  readonly resource: string;
  /** The plan file checkov read, e.g. `/dev-core.plan.json`. */
  readonly file: string;
}

export interface CheckovResults {
  readonly passed: number;
  readonly failed: readonly CheckovFailure[];
}

type Report = { results?: { failed_checks?: Record<string, unknown>[] }; summary?: { passed?: number } };

/** checkov writes one report object per framework, or a list when several ran. */
export function parseCheckovResults(json: unknown): CheckovResults {
  const reports = (Array.isArray(json) ? json : [json]) as Report[];
  if (reports.length === 0 || reports.some((r) => r === null || typeof r !== "object" || !("summary" in r)))
    throw new Error("not checkov JSON output");
  const failed = reports.flatMap((r) =>
    (r.results?.failed_checks ?? []).map((c) => ({
      id: String(c.check_id),
      title: String(c.check_name ?? ""),
      resource: String(c.resource ?? ""),
      file: String(c.file_path ?? ""),
    })),
  );
  return {
    passed: reports.reduce((n, r) => n + (r.summary?.passed ?? 0), 0),
    failed: failed.sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id) || a.resource.localeCompare(b.resource)),
  };
}

export function checkovMarkdown(results: CheckovResults, skipped: readonly string[]): string {
  const lines = [
    `**checkov**: ${results.failed.length} failed, ${results.passed} passed; skipped by the policy pack: ` +
      `${skipped.length > 0 ? skipped.join(", ") : "none"}.`,
  ];
  if (results.failed.length > 0) {
    lines.push("", "| check | resource | plan | what checkov asks |", "|---|---|---|---|");
    for (const f of results.failed) lines.push(`| ${f.id} | \`${f.resource}\` | ${f.file.replace(/^\//, "")} | ${f.title} |`);
  }
  return lines.join("\n");
}
