/** Synthesizes edited copies of the committed environment files into scratch directories. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { synthesize, type SynthesisResult } from "../../src/synthesize";

const work = mkdtempSync(join(tmpdir(), "sparki-cost-"));

/** A directory holding `<name>.yaml` files: copies of committed files, each edited by `edits`. */
export function environmentsDir(files: Record<string, (doc: ReturnType<typeof parseDocument>) => void>): string {
  const dir = mkdtempSync(join(work, "environments-"));
  for (const [name, edit] of Object.entries(files)) {
    const doc = parseDocument(readFileSync(join("environments", `${name}.yaml`), "utf8"));
    edit(doc);
    writeFileSync(join(dir, `${name}.yaml`), doc.toString());
  }
  return dir;
}

/** Synthesizes `environments` into a fresh output directory. */
export function synth(environments: string): { result: SynthesisResult; outdir: string } {
  const parent = mkdtempSync(join(work, "out-"));
  mkdirSync(parent, { recursive: true });
  const outdir = join(parent, "cdktf.out");
  return { result: synthesize({ environmentsDir: environments, outdir }), outdir };
}

export const unchanged = () => {};

export { work };
