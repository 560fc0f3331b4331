/**
 * A token bucket: `burst` requests at once, then `perSecond` on average. Each session has one, so a client that
 * floods it gets `rate_limited` answers while the object stays responsive for everyone else.
 */
import { type FolioVariables, variablesOf } from "../env.js";

export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 20 };

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Takes one token when there is one; returns whether it could. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole seconds until the next token. */
  retryAfterSeconds(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.limit.perSecond);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    this.refilledAt = now;
  }
}

/** Reads the limit from the environment (`RATE_LIMIT_BURST`, `RATE_LIMIT_PER_SECOND`), with defaults. */
export function rateLimitFrom(
  env: Pick<FolioVariables, "RATE_LIMIT_BURST" | "RATE_LIMIT_PER_SECOND">,
): RateLimit {
  const { RATE_LIMIT_BURST, RATE_LIMIT_PER_SECOND } = variablesOf(env);
  return {
    burst: RATE_LIMIT_BURST ?? DEFAULT_RATE_LIMIT.burst,
    perSecond: RATE_LIMIT_PER_SECOND ?? DEFAULT_RATE_LIMIT.perSecond,
  };
}
