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

  describe("esbuild's interop helpers", () => {
    const esbuildHelpers =
      "var __toESM=(mod3,isNodeMode,target)=>(target=mod3!=null?__create(__getProtoOf(mod3)):{},__copyProps(isNodeMode||!mod3||" +
      '!mod3.__esModule?__defProp(target,"default",{value:mod3,enumerable:!0}):target,mod3)),__toCommonJS=mod3=>__copyProps(' +
      '__defProp({},"__esModule",{value:!0}),mod3);var next=1;';
    /** The replaced helpers, defined over esbuild's own building blocks. */
    function helpers(): { toEsm: (mod: object | null, nodeMode?: number) => object; toCommonJs: (mod: object) => object } {
      const copyProps = (to: object, from: object | null) => Object.assign(to, from);
      const [toEsm, toCommonJs] = new Function(
        "__create",
        "__getProtoOf",
        "__defProp",
        "__copyProps",
        `${useEsModulesAsIs(esbuildHelpers)} return [__toESM, __toCommonJS];`,
      )(Object.create, Object.getPrototypeOf, Object.defineProperty, copyProps);
      return { toEsm, toCommonJs };
    }

    it("are replaced in place, at the same length, so the source map still points at the right columns", () => {
      const replaced = useEsModulesAsIs(esbuildHelpers);
      expect(replaced).toHaveLength(esbuildHelpers.length);
      expect(replaced).toMatch(/;\s*var next=1;$/);
    });

    it("pass CommonJS modules marked __esModule through and keep esbuild's wrapper for the rest", () => {
      const { toEsm } = helpers();
      const typescriptModule = { __esModule: true, App: 1 };
      expect(toEsm(typescriptModule)).toBe(typescriptModule);
      const plainModule = { App: 1 };
      expect(toEsm(plainModule)).toEqual({ App: 1, default: plainModule });
      expect(toEsm(null)).toEqual({ default: null });
      // Node's own ESM semantics (.mjs importers): the whole module is the default export.
      expect(toEsm(typescriptModule, 1)).toEqual({ __esModule: true, App: 1, default: typescriptModule });
    });

    it("give every require of an ES module the same CommonJS view, as Node's require does", () => {
      const { toCommonJs } = helpers();
      const esModule = { helper: 1 };
      const view = toCommonJs(esModule);
      expect(view).toEqual({ helper: 1 });
      expect(Object.getOwnPropertyDescriptor(view, "__esModule")?.value).toBe(true);
      expect(toCommonJs(esModule)).toBe(view);
      expect(toCommonJs({ helper: 2 })).not.toBe(view);
    });

    it("replace __toESM alone where esbuild emitted no __toCommonJS", () => {
      const toEsmOnly = `${esbuildHelpers.slice(0, esbuildHelpers.indexOf(",__toCommonJS"))};var next=1;`;
      const replaced = useEsModulesAsIs(toEsmOnly);
      expect(replaced).toHaveLength(toEsmOnly.length);
      expect(replaced).toMatch(/^var __toESM=\(m,n,t\)=>!n&&m\?\.__esModule\?m:.*\);\s*var next=1;$/);
      expect(replaced).not.toContain("__toCommonJS");
    });

    it("fail the build when esbuild changes a helper, rather than shipping an unreviewed one", () => {
      expect(() => useEsModulesAsIs(esbuildHelpers.replace("isNodeMode||", ""))).toThrow(/review useEsModulesAsIs/);
      expect(() => useEsModulesAsIs(esbuildHelpers.replace('"__esModule",{value:!0}),mod3)', '"__esModule",{value:!1}),mod3)'))).toThrow(
        /review useEsModulesAsIs/,
      );
    });
  });
});
