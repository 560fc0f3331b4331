/**
 * A new, empty session of a workspace, listed there at once: the Worker makes one for `POST /api/sessions`, a
 * share's copy and an import alike, through the two objects' stubs. Under an id decided beforehand (an import's
 * reservation, an Idempotency-Key's) making it again changes nothing.
 */
import type { SessionSummary } from "@folio/protocol";
import type { Env } from "../env.js";
import { newId } from "../ids.js";

export async function createSession(
  env: Env,
  workspaceId: string,
  sessionId = newId(),
): Promise<{ sessionId: string; session: SessionSummary }> {
  await env.SESSION.getByName(sessionId).create(workspaceId);
  const session = await env.WORKSPACE.getByName(workspaceId).addSession(sessionId);
  return { sessionId, session };
}
