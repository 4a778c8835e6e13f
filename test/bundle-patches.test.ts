/**
 * The bundle's patches of cdktf (scripts/bundle-patches/) against values chosen to reach every
 * branch: the same stacks synthesized by the patched bundle in a child process and by unpatched
 * cdktf in-process must write identical files.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { beforeAll, describe, expect, it } from "vitest";
import { useEsModulesAsIs } from "../scripts/bundle.mjs";
import { addTrickyStacks } from "./fixtures/bundle-patches/tricky-stacks";
import { tree } from "./helpers/tree";

const work = mkdtempSync(join(tmpdir(), "sparki-patches-"));
const entry = join(work, "entry.js");

beforeAll(() => {
  // The synthesis program's build, with this entry instead of main.ts.
  const built = spawnSync(process.execPath, ["scripts/build.mjs", entry, "test/fixtures/bundle-patches/synth-entry.ts"], {
    encoding: "utf8",
  });
  expect(built.stderr).toBe("");
});

describe("bundle patches", () => {
  it("are in the bundle (the comparison below would otherwise prove nothing)", () => {
    const code = readFileSync(entry, "utf8");
    expect(code).toContain("function plainResolve(");
    expect(code).toContain("function sortedJson(");
    expect(code).toContain("archiver=(...args)=>(archiverModule??=require_archiver())(...args)");
    expect(code).toContain("var __toESM=(m,n,t)=>!n&&m?.__esModule?m:");
    for (const renamed of ["get uncachedPath()", "function uncachedSnakeCase("]) expect(code).toContain(renamed);
  });

  it("write exactly what unpatched cdktf writes for every kind of value", () => {
    const bundled = join(work, "bundled");
    const run = spawnSync(process.execPath, [entry], { encoding: "utf8", env: { ...process.env, OUTDIR: bundled } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);

    const inProcess = join(work, "in-process");
    const app = new App({ outdir: inProcess, stackTraces: false });
    addTrickyStacks(app);
    app.synth();

    const expected = tree(inProcess);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(["stacks/producer/cdk.tf.json", "stacks/consumer/cdk.tf.json"]));
    expect(tree(bundled)).toEqual(expected);
    // The values did reach the token paths: resolved references, not markers.
    const producer = expected["stacks/producer/cdk.tf.json"];
    expect(producer).toContain("${aws_s3_bucket.bucket.bucket}");
    expect(producer).not.toContain("TfToken");
    expect(producer).toContain("${aws_s3_bucket.guarded.arn}");
    expect(producer).toContain('"create_before_destroy": true');
  });

  describe("esbuild's import helper", () => {
    const esbuildHelper =
      "var __toESM=(mod3,isNodeMode,target)=>(target=mod3!=null?__create(__getProtoOf(mod3)):{},__copyProps(isNodeMode||!mod3||" +
      '!mod3.__esModule?__defProp(target,"default",{value:mod3,enumerable:!0}):target,mod3)),__toCommonJS=1;';

    it("is replaced in place, at the same length, so the source map still points at the right columns", () => {
      const replaced = useEsModulesAsIs(esbuildHelper);
      expect(replaced).toHaveLength(esbuildHelper.length);
      expect(replaced.endsWith(",__toCommonJS=1;")).toBe(true);
    });

    it("passes modules marked __esModule through and keeps esbuild's wrapper for the rest", () => {
      const __copyProps = (to: object, from: object) => Object.assign(to, from);
      const toEsm = new Function(
        "__create",
        "__getProtoOf",
        "__defProp",
        "__copyProps",
        `${useEsModulesAsIs(esbuildHelper)} return __toESM;`,
      )(Object.create, Object.getPrototypeOf, Object.defineProperty, __copyProps) as (mod: object, nodeMode?: number) => object;
      const typescriptModule = { __esModule: true, App: 1 };
      expect(toEsm(typescriptModule)).toBe(typescriptModule);
      const plainModule = { App: 1 };
      expect(toEsm(plainModule)).toEqual({ App: 1, default: plainModule });
      // Node's own ESM semantics (.mjs importers): the whole module is the default export.
      expect(toEsm(typescriptModule, 1)).toEqual({ __esModule: true, App: 1, default: typescriptModule });
    });

    it("fails the build when esbuild changes the helper, rather than shipping an unreviewed one", () => {
      expect(() => useEsModulesAsIs(esbuildHelper.replace("isNodeMode||", ""))).toThrow(/review useEsModulesAsIs/);
    });
  });
});
