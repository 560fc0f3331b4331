import { describe, expect, it } from "vitest";
import { backoffDelay } from "./reconnecting-socket";

describe("a dropped socket waits longer after each failed attempt, up to a ceiling, with jitter", () => {
  const backoff = { minMs: 250, maxMs: 5000 };
  it.each([
    // failures, random in [0, 1), wait
    [0, 0.5, 250],
    [1, 0.5, 500],
    [3, 0.5, 2000],
    [5, 0.5, 5000],
    [40, 0.5, 5000],
    [0, 0, 187.5],
    [5, 0.999_999, 6249.9975],
  ])("after %i failures (random %f) it waits %f ms", (failures, random, wait) => {
    expect(backoffDelay(failures, backoff, random)).toBeCloseTo(wait);
  });
});
