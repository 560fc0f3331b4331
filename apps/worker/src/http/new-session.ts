/**
 * Making a session in a workspace, within the per-address limit: `POST /api/sessions`, and a copy's new home. An
 * import makes its sessions with `createSession` (session/create-session.ts), having counted once against the
 * limit itself.
 */

import type { SessionSummary, Validated } from "@folio/protocol";
import type { Env } from "../env.js";
import { idempotencyOf, idFor } from "../idempotency/key.js";
import { newId } from "../ids.js";
import { createSession } from "../session/create-session.js";
import { clientAddress } from "./request-guards.js";

/**
 * Under an Idempotency-Key the session's id is derived from the key and the workspace, so a retry makes the same
 * session again, which changes nothing, and answers it.
 */
export async function newSession(
  env: Env,
  request: Request,
  workspaceId: string,
): Promise<Validated<{ sessionId: string; session: SessionSummary }>> {
  const idempotency = await idempotencyOf(request, null);
  if (!idempotency.ok) return idempotency;
  if (!(await env.CREATE_SESSION_LIMITER.limit({ key: clientAddress(request) })).success) {
    return {
      ok: false,
      error: { code: "rate_limited", message: "too many new sessions from this address; retry in 10 s" },
    };
  }
  const key = idempotency.value?.key;
  const sessionId = key === undefined ? newId() : await idFor(`session\n${workspaceId}`, key);
  return { ok: true, value: await createSession(env, workspaceId, sessionId) };
}
