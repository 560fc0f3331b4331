/**
 * What the Worker is given: its bindings, as `wrangler types` generates them from wrangler.jsonc
 * (worker-configuration.d.ts; `pnpm types` regenerates it and `pnpm typecheck` fails when it is stale), and the
 * optional variables below, read at runtime (see the README's configuration).
 */
import type { AiBinding } from "./providers/workers-ai.js";

export interface Env extends Cloudflare.Env, FolioVariables {}

export interface FolioVariables {
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
  /** Cloudflare Access: the team domain (`<team>.cloudflareaccess.com`); with ACCESS_AUD, Access signs people in. */
  ACCESS_TEAM_DOMAIN?: string;
  /** Cloudflare Access: the application's audience tag. */
  ACCESS_AUD?: string;
  /** Milliseconds the model may send nothing mid-answer before the answer fails (default 120,000). */
  MODEL_IDLE_TIMEOUT_MS?: string;
  /** Days a session may be idle before retention deletes what it holds, for workspaces that did not choose. */
  RETENTION_DAYS?: string;
}
