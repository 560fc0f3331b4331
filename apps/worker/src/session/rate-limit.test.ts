import { describe, expect, it } from "vitest";
import { rateLimitFrom, TokenBucket } from "./rate-limit.js";

describe("TokenBucket", () => {
  it("allows a burst, then refills at the steady rate", () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.retryAfterSeconds()).toBe(1);
    now += 500; // half a second: one token back
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 60_000; // never more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it("reads its limits from the environment, ignoring values that are not positive numbers", () => {
    expect(rateLimitFrom({ RATE_LIMIT_BURST: "10", RATE_LIMIT_PER_SECOND: "0.5" })).toEqual({
      burst: 10,
      perSecond: 0.5,
    });
    expect(rateLimitFrom({ RATE_LIMIT_BURST: "-1", RATE_LIMIT_PER_SECOND: "lots" })).toEqual({
      burst: 120,
      perSecond: 20,
    });
  });
});
