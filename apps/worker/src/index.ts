/** The Folio Worker: the REST and WebSocket API under /api, and the web app's static assets for the rest. */
import type { Env } from "./env.js";
import { routeApi } from "./http/router.js";

export { Session } from "./session/session.js";

export default {
  async fetch(request, env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return routeApi(request, env);
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
