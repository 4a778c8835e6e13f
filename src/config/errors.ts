/** The configuration error: every problem in every environment or release file, not just the first. */
import { countOf, ProblemError, type Problem } from "../problems";

/** Thrown when configuration is invalid; the message is the formatted list of every problem. */
export class ConfigError extends ProblemError {
  constructor(problems: readonly Problem[]) {
    super(configTitle(problems), problems);
    this.name = "ConfigError";
  }
}

export function configTitle(problems: readonly Problem[]): string {
  const files = new Set(problems.map((p) => p.file));
  return `Invalid configuration: ${countOf(problems.length, "problem")} in ${countOf(files.size, "file")}. Nothing was synthesized.`;
}
