/**
 * What the Worker is given: its bindings, as `wrangler types` generates them from wrangler.jsonc
 * (worker-configuration.d.ts; `pnpm types` regenerates it and `pnpm typecheck` fails when it is stale), and the
 * optional variables below, read at runtime (see the README's configuration) through one schema, `Variables`.
 */
import { z } from "zod";
import type { AiBinding } from "./providers/workers-ai.js";

export interface Env extends Omit<Cloudflare.Env, "SESSION" | "WORKSPACE">, FolioVariables {
  SESSION: Objects<Cloudflare.Env["SESSION"]>;
  WORKSPACE: Objects<Cloudflare.Env["WORKSPACE"]>;
}

/**
 * A Durable Object namespace whose stubs answer as their class's methods are typed. Workers' own stub type rewrites
 * each result through `Rpc.Stubify`, which types a union branch holding an `unknown` (an artifact's metadata) as
 * nothing and a tuple as an array, so a stub's `Validated<Artifact>` read as its failure alone and callers cast.
 * (A JSON type for metadata does not help: Stubify recurses into it without end.) What the objects answer is plain
 * data that structured clone carries unchanged, so the method's own signature is what arrives.
 */
interface Objects<Namespace> {
  getByName(name: string): DurableObjectStub & Methods<ClassOf<Namespace>>;
}

type ClassOf<Namespace> = Namespace extends DurableObjectNamespace<infer Class> ? Class : never;

/** The methods a stub may call: the class's own, but the runtime's handlers (a stub's `fetch` is its own). */
type Methods<Class> = {
  [Name in keyof Class as Name extends keyof DurableObject
    ? never
    : Class[Name] extends (...args: never[]) => Promise<unknown>
      ? Name
      : never]: Class[Name];
};

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

/**
 * A variable's text as a number of the given kind. Unset, blank or anything else reads as unset, and the reader's
 * default applies: a mistyped setting never stops the Worker.
 */
const numberOf = (kind: z.ZodNumber) =>
  z.string().trim().min(1).transform(Number).pipe(kind).optional().catch(undefined);

/** A comma-separated list, each item trimmed and lower-cased; unset: none. */
const listOf = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ""),
  )
  .catch([]);

/** The variables that are read as values rather than passed on as text. */
export const Variables = z.object({
  AI_PROVIDER: z.string().trim().min(1).optional().catch(undefined),
  OFFLINE_CHUNK_SIZE: numberOf(z.number().int().positive()),
  OFFLINE_CHUNK_DELAY_MS: numberOf(z.number().int().nonnegative()),
  RATE_LIMIT_BURST: numberOf(z.number().positive()),
  RATE_LIMIT_PER_SECOND: numberOf(z.number().positive()),
  MAX_SOCKETS_PER_SESSION: numberOf(z.number().int().positive()),
  ALLOWED_HOSTS: listOf,
  ALLOWED_ORIGINS: listOf,
  MODEL_IDLE_TIMEOUT_MS: numberOf(z.number().positive()),
  RETENTION_DAYS: numberOf(z.number().int().positive()),
});
export type Variables = z.infer<typeof Variables>;

/** Reads the variables; never throws (see `numberOf`). */
export function variablesOf(env: FolioVariables): Variables {
  return Variables.parse(env);
}
