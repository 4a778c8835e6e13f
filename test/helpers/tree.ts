/**
 * A directory's files as `{ relative path: content }`, in sorted order: compares whole outputs.
 * Text files as text; any other file (the charts' .tgz archives) as base64 of its bytes, so two
 * different archives never compare equal through lossy decoding.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = contentOf(readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

function contentOf(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? text : `base64:${bytes.toString("base64")}`;
}
