/** Local charts ship as `.tgz` archives: what `tar` reads back, and the same bytes every time. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { chartArchive } from "../src/constructs/helm/chart-archive";
import { tree } from "./helpers/tree";

const work = mkdtempSync(join(tmpdir(), "sparki-chart-archive-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Unpacks `archive` with the system's tar into a fresh folder and returns that folder's files. */
function unpack(archive: Buffer): Record<string, string> {
  const dir = mkdtempSync(join(work, "out-"));
  writeFileSync(join(dir, "chart.tgz"), archive);
  const run = spawnSync("tar", ["-xzf", "chart.tgz", "--exclude", "chart.tgz"], { cwd: dir, encoding: "utf8" });
  expect(run.stderr).toBe("");
  rmSync(join(dir, "chart.tgz"));
  return tree(dir);
}

const longFolder = `templates/${"nested-folder-name/".repeat(5)}`;
const files = {
  "values.yaml": "replicas: 2\n",
  "Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
  "templates/deployment-web.yaml": "kind: Deployment\nmetadata:\n  name: web # ünïcode\n",
  [`${longFolder}configmap.yaml`]: "kind: ConfigMap\n",
  "templates/empty.yaml": "",
};

describe("chart archive", () => {
  it("unpacks to every file, under the chart's folder, with its exact content", () => {
    const expected = Object.fromEntries(Object.entries(files).map(([path, content]) => [`web/${path}`, content]));
    expect(unpack(chartArchive("web", files))).toEqual(expected);
  });

  it("is the same bytes whatever the files' order, with no time or machine in the gzip header", () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    const archive = chartArchive("web", files);
    expect(chartArchive("web", reversed).equals(archive)).toBe(true);
    expect(archive.readUInt32LE(4)).toBe(0); // gzip MTIME
    expect(archive[9]).toBe(255); // gzip OS: unknown
  });

  it("lists entries sorted, as regular files owned by root, mode 0644, dated 1970", () => {
    const tar = gunzipSync(chartArchive("web", { "b.yaml": "b", "a.yaml": "a" }));
    const field = (offset: number, start: number, length: number) =>
      tar
        .subarray(offset + start, offset + start + length)
        .toString("latin1")
        .replace(/\0.*$/s, "");
    expect([field(0, 0, 100), field(1024, 0, 100)]).toEqual(["web/a.yaml", "web/b.yaml"]);
    expect([field(0, 100, 8), field(0, 108, 8), field(0, 136, 12), field(0, 156, 1)]).toEqual(["0000644", "0000000", "00000000000", "0"]);
  });

  it("refuses a file name longer than the archive format holds, naming it", () => {
    const name = `templates/${"x".repeat(101)}.yaml`;
    expect(() => chartArchive("web", { [name]: "" })).toThrow(`chart file path web/${name} is too long`);
  });
});
