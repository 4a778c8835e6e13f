/**
 * Syntax problems of a YAML file, told the way a person finds them: the key the error sits
 * under, the line as written, and for a duplicate key both lines. Works on the text, because a
 * document with syntax errors has no reliable tree.
 */
import type { LineCounter, YAMLError } from "yaml";
import type { Problem } from "../problems";

const KEY_LINE = /^(\s*)(?:-\s+)?(["']?)([^\s#:"'][^:#]*?)\2:(?:\s|$)/;

interface KeyLine {
  readonly indent: number;
  readonly key: string;
}

function keyLine(text: string | undefined): KeyLine | undefined {
  const match = text === undefined ? null : KEY_LINE.exec(text);
  return match ? { indent: match[1].length, key: match[3].trim() } : undefined;
}

/** The dotted key path that line `index` (0-based) sits under, from the indentation above it. */
export function keyPathAt(lines: readonly string[], index: number): string {
  const path: string[] = [];
  let limit = Number.POSITIVE_INFINITY;
  for (let i = Math.min(index, lines.length - 1); i >= 0 && limit > 0; i--) {
    const found = keyLine(lines[i]);
    if (found && found.indent < limit) {
      path.unshift(found.key);
      limit = found.indent;
    }
  }
  return path.join(".");
}

/** 1-based line of the earlier occurrence of the key on line `index`, in the same mapping. */
export function firstOccurrence(lines: readonly string[], index: number): number | undefined {
  const dup = keyLine(lines[index]);
  if (!dup) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const indent = /^\s*/.exec(line)![0].length;
    if (indent < dup.indent) return undefined;
    const found = keyLine(line);
    if (found && found.indent === dup.indent && found.key === dup.key) return i + 1;
  }
  return undefined;
}

/** One problem per YAML error, naming the key, the line and, for a duplicate, both lines. */
export function syntaxProblems(file: string, text: string, errors: readonly YAMLError[], lineCounter: LineCounter): Problem[] {
  const lines = text.split("\n");
  return errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    // An error reported at the start of an empty line belongs to the line above (an unclosed bracket).
    let index = at.line - 1;
    while (index > 0 && !(lines[index] ?? "").trim()) index--;
    const source = (lines[index] ?? "").trimEnd();
    const path = keyPathAt(lines, index);
    const line = index + 1;
    if (error.code === "DUPLICATE_KEY") {
      const first = firstOccurrence(lines, index);
      const key = keyLine(lines[index])?.key ?? path;
      return {
        file,
        line,
        column: at.col,
        path,
        value: source,
        message: `key "${key}" is given twice${first ? `, on line ${first} and line ${line}` : ""}; YAML would silently keep only one`,
        allowed: "each key once per mapping",
        fix: `keep one of the two ${key} entries${first ? ` (line ${first} or ${line})` : ""} and delete the other`,
      };
    }
    return {
      file,
      line,
      column: at.col,
      path,
      value: source,
      message: `YAML syntax on line ${line}${path ? ` (under ${path})` : ""}: ${error.message.split("\n")[0]}`,
      allowed: "well-formed YAML: key: value lines, indented with spaces, brackets closed",
      fix: `correct line ${line}: ${source.trim() || "(empty)"}`,
    };
  });
}

/** True when the file has no content but comments and blank lines. */
export function isEmptyYaml(text: string): boolean {
  return text.split("\n").every((line) => !line.trim() || line.trim().startsWith("#"));
}
