/**
 * A rule across environment files: a file copied from another environment keeps that
 * environment's name in its role ARNs and tags (`sparki-dev-ci-apply`, `CostCenter: sparki-dev`),
 * which would grant another environment's roles or bill another cost centre.
 */
import { formatPath, type Problem } from "../problems";

/** A field whose value is checked, with its path in the file and where it is. */
export interface NamedField {
  readonly path: readonly (string | number)[];
  readonly value: string;
  /** A second way out, added to the fix. @default none */
  readonly alternative?: string;
}

/**
 * The environment names that `value` mentions as whole words (separated by anything but a
 * letter or digit), keeping only the longest match where names overlap, so `sparki-prod-eu`
 * names prod-eu and not prod.
 */
export function environmentsNamedIn(value: string, names: readonly string[]): string[] {
  const text = value.toLowerCase();
  const matches: { name: string; start: number; end: number }[] = [];
  for (const name of names) {
    const word = new RegExp(`(?<![a-z0-9])${name.replace(/[-]/g, "\\-")}(?![a-z0-9])`, "g");
    for (const m of text.matchAll(word)) matches.push({ name, start: m.index, end: m.index + name.length });
  }
  const longest = matches.filter(
    (m) => !matches.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start),
  );
  return [...new Set(longest.map((m) => m.name))];
}

/** Problems for every field of `environment` that names another of `allNames`. */
export function otherEnvironmentProblems(
  environment: string,
  file: string,
  fields: readonly NamedField[],
  allNames: readonly string[],
  locate: (path: readonly (string | number)[]) => { line?: number; column?: number },
): Problem[] {
  const problems: Problem[] = [];
  for (const field of fields) {
    const others = environmentsNamedIn(field.value, allNames).filter((n) => n !== environment);
    if (others.length === 0) continue;
    problems.push({
      file,
      ...locate(field.path),
      path: formatPath(field.path),
      value: field.value,
      message: `names environment ${others.join(", ")}, not ${environment} (copied from another environment's file?)`,
      allowed: `values of ${environment} itself`,
      fix: `replace ${others.join(", ")} with ${environment}${field.alternative ? `, or ${field.alternative}` : ""}`,
    });
  }
  return problems;
}
