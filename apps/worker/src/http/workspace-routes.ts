/**
 * The workspace's routes: creating one, its sessions, the library across them, API tokens and device links.
 * The workspace's object answers only for its own sessions.
 */

import {
  type Artifact,
  CreateTokenRequest,
  type CreateWorkspaceResponse,
  type SearchResult,
  SessionsQuery,
  UpdateSessionRequest,
  UpdateSettingsRequest,
  type Validated,
  validate,
  WorkspaceArtifactsQuery,
} from "@folio/protocol";
import { accessEnabled } from "../auth/access.js";
import { credentialCookie } from "../auth/cookie.js";
import { formatCredential, parseCredential } from "../auth/credential.js";
import { idempotencyOf } from "../idempotency/key.js";
import { newId } from "../ids.js";
import type { Page } from "../paging/page.js";
import { queryOf, type Route, type RouteContext, readBody } from "./context.js";
import { confirmLinkPage, expiredLinkPage } from "./device-link-pages.js";
import { newSession } from "./new-session.js";
import { clientAddress } from "./request-guards.js";
import { errorResponse, json, noContent, protocolErrorResponse, resultResponse } from "./responses.js";

const workspace = ({ env, caller }: RouteContext) => env.WORKSPACE.getByName(caller.workspaceId);

export const WORKSPACE_ROUTES: Route[] = [
  {
    pattern: /^\/api\/workspaces$/,
    public: true,
    methods: {
      POST: async ({ request, env, url }) => {
        if (accessEnabled(env)) {
          return errorResponse("forbidden", "workspaces here come from Cloudflare Access sign-ins");
        }
        if (!(await env.CREATE_WORKSPACE_LIMITER.limit({ key: clientAddress(request) })).success) {
          return errorResponse("rate_limited", "too many new workspaces from this address; retry in 10 s");
        }
        const workspaceId = newId();
        const { secret } = await env.WORKSPACE.getByName(workspaceId).create();
        const token = formatCredential({ workspaceId, secret });
        const response = json({ workspaceId, token } satisfies CreateWorkspaceResponse, 201);
        response.headers.set("set-cookie", credentialCookie(token, url));
        return response;
      },
    },
  },
  {
    pattern: /^\/api\/device-links\/([^/]+)$/,
    public: true,
    methods: {
      // Opening the link only asks (device-link-pages.ts): a scanner or a preview that opens it spends nothing.
      GET: async ({ env, params: [code] }) => {
        const link = parseCredential(code as string);
        const valid = link && (await env.WORKSPACE.getByName(link.workspaceId).isDeviceLink(link.secret));
        return valid ? confirmLinkPage() : expiredLinkPage();
      },
      // The page's button binds this browser to the workspace, once. It must come from the page itself: a
      // browser always says where a POST comes from, and another site's (or none) is refused.
      POST: async ({ request, env, url, params: [code] }) => {
        if (request.headers.get("origin") === null) {
          return errorResponse("forbidden", "a device link is confirmed from its own page");
        }
        const link = parseCredential(code as string);
        const issued =
          link && (await env.WORKSPACE.getByName(link.workspaceId).redeemDeviceLink(link.secret));
        if (!link || !issued) return expiredLinkPage();
        const token = formatCredential({ workspaceId: link.workspaceId, secret: issued.secret });
        return new Response(null, {
          status: 303,
          headers: {
            location: "/",
            "set-cookie": credentialCookie(token, url),
            "cache-control": "no-store",
            "referrer-policy": "no-referrer",
          },
        });
      },
    },
  },
  {
    pattern: /^\/api\/device-links$/,
    methods: {
      POST: async (context) => {
        const { secret, expiresAt } = await workspace(context).createDeviceLink();
        const code = formatCredential({ workspaceId: context.caller.workspaceId, secret });
        return json({ url: `${context.url.origin}/api/device-links/${code}`, expiresAt }, 201);
      },
    },
  },
  {
    pattern: /^\/api\/workspace\/ws$/,
    methods: { GET: async (context) => workspace(context).fetch(context.request) },
  },
  {
    pattern: /^\/api\/workspace\/reindex$/,
    methods: { POST: async (context) => json(await workspace(context).rebuild()) },
  },
  {
    pattern: /^\/api\/sessions$/,
    methods: {
      GET: async (context) => {
        const query = validate(SessionsQuery, queryOf(context.url));
        if (!query.ok) return protocolErrorResponse(query.error);
        return resultResponse(await workspace(context).listSessions(query.value), (page) => ({
          sessions: page.items,
          nextCursor: page.nextCursor,
        }));
      },
      POST: async ({ env, request, caller }) =>
        resultResponse(await newSession(env, request, caller.workspaceId), (made) => made, 201),
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)$/,
    methods: {
      GET: async (context) =>
        resultResponse(await workspace(context).getSession(context.params[0] as string), (session) => ({
          session,
        })),
      PATCH: async (context) => {
        const body = await readBody(context.request);
        const update = body.ok ? validate(UpdateSessionRequest, body.value) : body;
        if (!update.ok) return protocolErrorResponse(update.error);
        const renamed = await workspace(context).renameSession(
          context.params[0] as string,
          update.value.title,
        );
        return resultResponse(renamed, (session) => ({ session }));
      },
      // The session's object deletes all its storage; the workspace forgets it and its index entries.
      DELETE: async (context) => {
        const sessionId = context.params[0] as string;
        const destroyed = await context.env.SESSION.getByName(sessionId).destroy(context.caller.workspaceId);
        const listed = await workspace(context).removeSession(sessionId);
        return destroyed.ok || listed ? noContent() : errorResponse("not_found", "no such session");
      },
    },
  },
  {
    pattern: /^\/api\/artifacts$/,
    methods: {
      GET: async (context) => {
        const query = validate(WorkspaceArtifactsQuery, queryOf(context.url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const { q, ...filter } = query.value;
        if (q !== undefined) {
          const found: Validated<Page<SearchResult>> = await workspace(context).searchArtifacts(q, filter);
          return resultResponse(found, (page: Page<SearchResult>) => ({
            results: page.items,
            nextCursor: page.nextCursor,
          }));
        }
        const listed: Validated<Page<Artifact>> = await workspace(context).listArtifacts(filter);
        return resultResponse(listed, (page: Page<Artifact>) => ({
          artifacts: page.items,
          nextCursor: page.nextCursor,
        }));
      },
    },
  },
  {
    pattern: /^\/api\/settings$/,
    methods: {
      GET: async (context) => json(await workspace(context).getSettings()),
      PUT: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(UpdateSettingsRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        return json(await workspace(context).updateSettings(request.value));
      },
    },
  },
  {
    pattern: /^\/api\/tokens$/,
    methods: {
      GET: async (context) => json({ tokens: await workspace(context).listTokens() }),
      POST: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(CreateTokenRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        const idempotency = await idempotencyOf(context.request, request.value);
        if (!idempotency.ok) return protocolErrorResponse(idempotency.error);
        const issued = await workspace(context).createToken(request.value.name, idempotency.value);
        if (!issued.ok) return protocolErrorResponse(issued.error);
        const { id, secret, createdAt } = issued.value;
        const token = formatCredential({ workspaceId: context.caller.workspaceId, secret });
        return json({ id, name: request.value.name, token, createdAt }, 201);
      },
    },
  },
  {
    pattern: /^\/api\/devices$/,
    methods: {
      GET: async (context) =>
        json({ devices: await workspace(context).listDevices(context.caller.credentialId) }),
    },
  },
  {
    pattern: /^\/api\/devices\/([^/]+)$/,
    methods: {
      DELETE: async (context) =>
        (await workspace(context).revokeDevice(context.params[0] as string))
          ? noContent()
          : errorResponse("not_found", "no such browser"),
    },
  },
  {
    pattern: /^\/api\/tokens\/([^/]+)$/,
    methods: {
      DELETE: async (context) =>
        (await workspace(context).revokeToken(context.params[0] as string))
          ? noContent()
          : errorResponse("not_found", "no such token"),
    },
  },
];
