/**
 * Gate input errors (unreadable plan, invalid allow-list, bad arguments). They exit with code 2,
 * distinct from a blocked plan.
 */
import { countOf, ProblemError, type Problem } from "../problems";

export class GateInputError extends ProblemError {
  constructor(problems: readonly Problem[]) {
    super(`Plan gate input error: ${countOf(problems.length, "problem")}. Nothing was evaluated.`, problems);
    this.name = "GateInputError";
  }
}
