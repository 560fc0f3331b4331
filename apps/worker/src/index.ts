/** The Folio Worker: the REST and WebSocket API under /api, and the web app's static assets for the rest. */
import type { Env } from "./env.js";
import { refuseForeignHost } from "./http/request-guards.js";
import { errorResponse } from "./http/responses.js";
import { routeApi } from "./http/router.js";
import { errorText, log, loggedPath } from "./observability/log.js";
import { previewBootstrapResponse, previewFrameResponse } from "./preview/frame.js";

export { Session } from "./session/session.js";
export { Workspace } from "./workspace/workspace.js";

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const refused = refuseForeignHost(url, env);
    if (refused) return refused;
    if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
      try {
        return await routeApi(request, env, url);
      } catch (error) {
        log({
          event: "request.failed",
          type: `${request.method} ${loggedPath(url.pathname)}`,
          error: errorText(error),
        });
        return errorResponse("internal", "the request failed");
      }
    }
    if (url.pathname === "/preview/frame") return previewFrameResponse(url);
    if (url.pathname === "/preview/frame.js") return previewBootstrapResponse();
    return env.ASSETS.fetch(request);
  },
} satisfies ExportedHandler<Env>;
