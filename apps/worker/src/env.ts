/** The bindings and variables the Worker is given (see wrangler.jsonc and the README's configuration). */
import type { AiBinding } from "./providers/workers-ai.js";
import type { Session } from "./session/session.js";

export interface Env {
  ASSETS: Fetcher;
  SESSION: DurableObjectNamespace<Session>;
  /** Workers AI, when wrangler.jsonc binds it (deployments). */
  AI?: AiBinding;
  AI_PROVIDER?: string;
  AI_MODEL?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_MODEL?: string;
  OFFLINE_CHUNK_SIZE?: string;
  OFFLINE_CHUNK_DELAY_MS?: string;
  RATE_LIMIT_BURST?: string;
  RATE_LIMIT_PER_SECOND?: string;
}
