/**
 * Preconditions of constructs. Each is a pure check beside its construct that returns what is
 * wrong with one of its inputs, or undefined. The configuration rules (`src/config/rules.ts`) run
 * the same checks on the environment file, so a user sees the mistake at its file and line before
 * any construct is built; the construct runs it again for callers that build it directly.
 */
import type { IConstruct } from "constructs";
import { countOf, ProblemError, type Problem } from "../problems";

/** A broken precondition: which input (by prop name), its value, what is wrong, allowed and the fix. */
export interface PreconditionProblem {
  readonly prop: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

/** Thrown by a construct whose props break a precondition; names the construct path as where. */
export class ConstructValidationError extends ProblemError {
  constructor(constructPath: string, broken: readonly PreconditionProblem[]) {
    const problems: Problem[] = broken.map(({ prop, ...rest }) => ({ file: constructPath, path: prop, ...rest }));
    super(`Invalid construct properties: ${countOf(problems.length, "problem")}. Nothing was synthesized.`, problems);
    this.name = "ConstructValidationError";
  }
}

/** Throws ConstructValidationError at `scope` for every check that found a problem. */
export function checkPreconditions(scope: IConstruct, ...checks: (PreconditionProblem | undefined)[]): void {
  const broken = checks.filter((c): c is PreconditionProblem => c !== undefined);
  if (broken.length > 0) throw new ConstructValidationError(scope.node.path, broken);
}
