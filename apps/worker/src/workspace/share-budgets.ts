/**
 * Each share link's budget for the public reads made through it (a token bucket, as a session's REST budget, of
 * the same size), apart from the sessions it reads: strangers opening a link spend the link's, never the owner's,
 * and one link read too often leaves the others readable. In memory only, as a session's budget.
 */
import { type RateLimit, TokenBucket } from "../session/rate-limit.js";

/** Links with a budget in memory at once; past it the longest unread forgets its own (it starts afresh). */
const MAX_LINKS = 1000;

export class ShareBudgets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Spends one read of a link: null when it may, else the whole seconds until it may again. */
  spend(shareId: string): number | null {
    const bucket = this.buckets.get(shareId) ?? new TokenBucket(this.limit);
    // Kept in order of last use, so the one forgotten when full is the longest unread.
    this.buckets.delete(shareId);
    this.buckets.set(shareId, bucket);
    if (this.buckets.size > MAX_LINKS) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket.take() ? null : bucket.retryAfterSeconds();
  }
}
