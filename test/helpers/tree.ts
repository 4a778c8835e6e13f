/** A directory's files as `{ relative path: content }`, in sorted order: compares whole outputs. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}
