/**
 * The REST and WebSocket API under /api: matches the route, decodes the path, checks what the guards check,
 * authenticates the caller (every route but the public ones) and hands over to the route's handler, which
 * parses the rest and calls the Durable Objects by typed RPC; the objects hold the state and the rules.
 */
import { authenticate } from "../auth/authenticate.js";
import type { Env } from "../env.js";
import { isId } from "../ids.js";
import { ARCHIVE_ROUTES } from "./archive-routes.js";
import { COLLECTION_ROUTES } from "./collection-routes.js";
import type { Handler, PublicHandler, Route } from "./context.js";
import { withETag } from "./etag.js";
import { refuseCrossSite } from "./request-guards.js";
import { errorResponse, json, protocolErrorResponse } from "./responses.js";
import { SESSION_ROUTES } from "./session-routes.js";
import { SHARE_ROUTES } from "./share-routes.js";
import { STATS_ROUTES } from "./stats-routes.js";
import { WORKSPACE_ROUTES } from "./workspace-routes.js";

const ROUTES: Route[] = [
  { pattern: /^\/api\/health$/, public: true, methods: { GET: async () => json({ ok: true }) } },
  ...WORKSPACE_ROUTES,
  ...COLLECTION_ROUTES,
  ...SHARE_ROUTES,
  ...ARCHIVE_ROUTES,
  ...STATS_ROUTES,
  ...SESSION_ROUTES,
];

export async function routeApi(request: Request, env: Env, url: URL): Promise<Response> {
  return withETag(request, await dispatch(request, env, url));
}

async function dispatch(request: Request, env: Env, url: URL): Promise<Response> {
  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const methods: Partial<Record<string, unknown>> = route.methods;
    if (!Object.hasOwn(methods, request.method)) {
      return errorResponse("invalid_message", `use ${Object.keys(methods).join(" or ")}`, 405);
    }
    const params = decodeSegments(match.slice(1));
    if (params === null) return errorResponse("invalid_message", "the path has a malformed %-escape");
    const refused = refuseCrossSite(request, url, env);
    if (refused) return refused;
    if (route.public) return (route.methods[request.method] as PublicHandler)({ request, env, url, params });
    const authenticated = await authenticate(request, env);
    if (!authenticated.ok) return protocolErrorResponse(authenticated.error);
    const caller = authenticated.value;
    // Made-up ids are answered here, without waking (or creating) any object.
    if (url.pathname.startsWith("/api/sessions/") && !isId(params[0] as string)) {
      return errorResponse("not_found", "no such session");
    }
    return (route.methods[request.method] as Handler)({ request, env, url, params, caller });
  }
  return errorResponse("not_found", `no route for ${url.pathname}`);
}

function decodeSegments(segments: string[]): string[] | null {
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}
