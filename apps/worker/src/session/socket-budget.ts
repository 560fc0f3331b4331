/**
 * Each socket's frame budget: a token bucket per socket, checked before a frame is parsed. A frame over budget is
 * dropped at once; the socket hears `rate_limited` at most once a second, and one that keeps sending while
 * refused (more than twice its burst dropped within a second) is closed with 1008. Sockets per session are capped as well.
 */
import { type FolioVariables, variablesOf } from "../env.js";
import { type RateLimit, TokenBucket } from "./rate-limit.js";

export interface SocketLimit {
  /** Connections one session accepts at once. */
  maxSockets: number;
}

export const DEFAULT_SOCKET_LIMIT: SocketLimit = { maxSockets: 32 };

/** What to do with a frame: handle it, drop it (telling the client, at most once a second), or close. */
export type Verdict = "accept" | "drop" | "drop_and_tell" | "close";

const WINDOW_MS = 1000;

interface Budget {
  bucket: TokenBucket;
  /** Told to close: what it still sends (frames in flight) is dropped without a look. */
  closing: boolean;
  /** When the current one-second window of drops began (the socket was told then). */
  windowStart: number;
  /** Frames dropped in that window. */
  dropped: number;
}

export class SocketBudgets {
  private readonly budgets = new Map<WebSocket, Budget>();

  constructor(
    private readonly rate: RateLimit,
    readonly limit: SocketLimit,
    private readonly now: () => number = Date.now,
  ) {}

  admit(socket: WebSocket): Verdict {
    const budget = this.budgetOf(socket);
    if (budget.closing) return "drop";
    if (budget.bucket.take()) return "accept";
    const now = this.now();
    const newWindow = now - budget.windowStart >= WINDOW_MS;
    if (newWindow) {
      budget.windowStart = now;
      budget.dropped = 0;
    }
    budget.dropped += 1;
    if (budget.dropped > 2 * this.rate.burst) {
      budget.closing = true;
      return "close";
    }
    return newWindow ? "drop_and_tell" : "drop";
  }

  retryAfterSeconds(socket: WebSocket): number {
    return Math.max(1, this.budgetOf(socket).bucket.retryAfterSeconds());
  }

  forget(socket: WebSocket): void {
    this.budgets.delete(socket);
  }

  private budgetOf(socket: WebSocket): Budget {
    let budget = this.budgets.get(socket);
    if (!budget) {
      budget = {
        bucket: new TokenBucket(this.rate, this.now),
        closing: false,
        windowStart: -Infinity,
        dropped: 0,
      };
      this.budgets.set(socket, budget);
    }
    return budget;
  }
}

/** Reads `MAX_SOCKETS_PER_SESSION` from the environment, with its default. */
export function socketLimitFrom(env: Pick<FolioVariables, "MAX_SOCKETS_PER_SESSION">): SocketLimit {
  return { maxSockets: variablesOf(env).MAX_SOCKETS_PER_SESSION ?? DEFAULT_SOCKET_LIMIT.maxSockets };
}
