/** The bindings and variables the Worker is given (see wrangler.jsonc and the README's configuration). */
import type { Session } from "./session/session.js";

export interface Env {
  ASSETS: Fetcher;
  SESSION: DurableObjectNamespace<Session>;
  AI_PROVIDER?: string;
  OFFLINE_CHUNK_SIZE?: string;
  OFFLINE_CHUNK_DELAY_MS?: string;
  RATE_LIMIT_BURST?: string;
  RATE_LIMIT_PER_SECOND?: string;
}
