/** The suite's setup (test/setup/) is in effect: tokens carry no stack trace. */
import { Lazy, Tokenization } from "cdktf";
import { describe, expect, it } from "vitest";

describe("test setup", () => {
  it("creates tokens without recording a stack trace", () => {
    const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).firstToken;
    expect(token?.creationStack).toEqual(["stack trace not recorded in tests (test/setup/skip-token-stack-traces.ts)"]);
  });
});
