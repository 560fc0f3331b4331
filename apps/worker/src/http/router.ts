/** Routes `/api/*`: health and session creation here, everything under a session to its Durable Object. */
import type { Env } from "../env.js";
import { SESSION_ID_HEADER } from "../session/session.js";
import { errorResponse, json } from "./responses.js";
import { isSessionId, newSessionId } from "./session-id.js";

const SESSION_ROUTE = /^\/api\/sessions\/([^/]+)(\/.*)$/;

export async function routeApi(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === "/api/health") {
    return request.method === "GET" ? json({ ok: true }) : errorResponse("invalid_message", "use GET", 405);
  }
  if (url.pathname === "/api/sessions") {
    if (request.method !== "POST") return errorResponse("invalid_message", "use POST", 405);
    return json({ sessionId: newSessionId() }, 201);
  }
  const match = SESSION_ROUTE.exec(url.pathname);
  if (!match) return errorResponse("not_found", `no route for ${url.pathname}`);
  const sessionId = match[1] as string;
  if (!isSessionId(sessionId)) return errorResponse("not_found", "no such session");

  const stub = env.SESSION.get(env.SESSION.idFromName(sessionId));
  const forwarded = new Request(request);
  forwarded.headers.set(SESSION_ID_HEADER, sessionId);
  return stub.fetch(forwarded);
}
