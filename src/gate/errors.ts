/**
 * Gate input errors (unreadable plan, invalid allow-list, bad arguments). They exit with code 2,
 * distinct from a blocked plan.
 */
import { countOf, formatProblems, type Problem } from "../problems";

export class GateInputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(formatProblems(`Plan gate input error: ${countOf(problems.length, "problem")}. Nothing was evaluated.`, problems));
    this.name = "GateInputError";
  }
}
