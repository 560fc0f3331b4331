/** The bindings and variables the Worker is given (see wrangler.jsonc and the README's configuration). */
import type { AiBinding } from "./providers/workers-ai.js";
import type { Session } from "./session/session.js";
import type { Workspace } from "./workspace/workspace.js";

export interface Env {
  ASSETS: Fetcher;
  SESSION: DurableObjectNamespace<Session>;
  WORKSPACE: DurableObjectNamespace<Workspace>;
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
  MAX_SOCKETS_PER_SESSION?: string;
  /** Hosts the Worker answers (comma-separated); unset: loopback names only. */
  ALLOWED_HOSTS?: string;
  /** Origins besides the app's own whose pages may open sockets and change state (comma-separated). */
  ALLOWED_ORIGINS?: string;
  /** Session creation per client address (Workers Rate Limiting). */
  CREATE_SESSION_LIMITER?: RateLimit;
  /** Workspace creation per client address. */
  CREATE_WORKSPACE_LIMITER?: RateLimit;
  /** Cloudflare Access: the team domain (`<team>.cloudflareaccess.com`); with ACCESS_AUD, Access signs people in. */
  ACCESS_TEAM_DOMAIN?: string;
  /** Cloudflare Access: the application's audience tag. */
  ACCESS_AUD?: string;
}
