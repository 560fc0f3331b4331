/**
 * Usage stats: `POST /api/usage` counts what a client saw happen to artifacts (views, previews, copies,
 * downloads); `GET /api/stats` is the workspace's figures; `GET /api/stats/artifacts/:id` one artifact's counters.
 */
import { ArtifactUsageQuery, UsageRequest, validate } from "@folio/protocol";
import { queryOf, type Route, type RouteContext, readBody } from "./context.js";
import { json, protocolErrorResponse, resultResponse } from "./responses.js";

const workspace = ({ env, caller }: RouteContext) => env.WORKSPACE.getByName(caller.workspaceId);

export const STATS_ROUTES: Route[] = [
  {
    pattern: /^\/api\/usage$/,
    methods: {
      POST: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(UsageRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        return json({ counted: await workspace(context).countUsage(request.value.events) });
      },
    },
  },
  {
    pattern: /^\/api\/stats$/,
    methods: { GET: async (context) => json(await workspace(context).stats()) },
  },
  {
    pattern: /^\/api\/stats\/artifacts\/([^/]+)$/,
    methods: {
      GET: async (context) => {
        const query = validate(ArtifactUsageQuery, queryOf(context.url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const usage = await workspace(context).artifactUsage(
          context.params[0] as string,
          query.value.sessionId,
        );
        return resultResponse(usage, (value) => ({ usage: value }));
      },
    },
  },
];
