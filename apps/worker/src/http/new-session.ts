/**
 * Making a session in a workspace, within the per-address limit: `POST /api/sessions`, and a copy's new home. An
 * import makes its sessions with `createSession` (session/create-session.ts), having counted once against the
 * limit itself.
 */
import type { SessionSummary, Validated } from "@folio/protocol";
import type { Env } from "../env.js";
import { createSession } from "../session/create-session.js";
import { clientAddress } from "./request-guards.js";

export async function newSession(
  env: Env,
  request: Request,
  workspaceId: string,
): Promise<Validated<{ sessionId: string; session: SessionSummary }>> {
  if (!(await env.CREATE_SESSION_LIMITER.limit({ key: clientAddress(request) })).success) {
    return {
      ok: false,
      error: { code: "rate_limited", message: "too many new sessions from this address; retry in 10 s" },
    };
  }
  return { ok: true, value: await createSession(env, workspaceId) };
}
