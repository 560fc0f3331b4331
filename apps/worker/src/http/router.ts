/**
 * The REST and WebSocket API under /api: parses each request (path, query, body), checks what the guards
 * check, and calls the session's Durable Object by typed RPC; the object holds the state and the rules.
 */
import {
  ArtifactsQuery,
  ImportMessageRequest,
  UpdateArtifactRequest,
  type Validated,
  validate,
} from "@folio/protocol";
import type { Env } from "../env.js";
import { readJsonBody, saysJson } from "./body.js";
import { refuseCrossSite } from "./request-guards.js";
import {
  errorResponse,
  json,
  jsonText,
  noContent,
  protocolErrorResponse,
  resultResponse,
} from "./responses.js";
import { clientAddress, isSessionId, newSessionId } from "./session-id.js";

type Handler = (request: Request, env: Env, url: URL, params: string[]) => Promise<Response>;
type Route = { pattern: RegExp; methods: Partial<Record<string, Handler>> };

const session = (env: Env, id: string) => env.SESSION.getByName(id);

const ROUTES: Route[] = [
  { pattern: /^\/api\/health$/, methods: { GET: async () => json({ ok: true }) } },
  { pattern: /^\/api\/sessions$/, methods: { POST: createSession } },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/ws$/,
    methods: {
      GET: async (request, env, _url, [id]) => session(env, id as string).fetch(request),
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/messages$/,
    methods: {
      GET: async (_request, env, _url, [id]) =>
        resultResponse(await session(env, id as string).listMessages(), (messages) => ({ messages })),
      POST: async (request, env, _url, [id]) => {
        const body = await readBody(request);
        const imported = body.ok ? validate(ImportMessageRequest, body.value) : body;
        if (!imported.ok) return protocolErrorResponse(imported.error);
        const stored = await session(env, id as string).importMessage(imported.value);
        return stored.ok ? jsonText(stored.value, 201) : protocolErrorResponse(stored.error);
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts$/,
    methods: {
      GET: async (_request, env, url, [id]) => {
        const query = validate(ArtifactsQuery, Object.fromEntries(url.searchParams));
        if (!query.ok) return protocolErrorResponse(query.error);
        const artifacts = await session(env, id as string).listArtifacts(query.value);
        return resultResponse(artifacts, (list) => ({ artifacts: list }));
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)$/,
    methods: {
      GET: async (_request, env, _url, [id, artifactId]) =>
        resultResponse(await session(env, id as string).getArtifact(artifactId as string), (artifact) => ({
          artifact,
        })),
      PATCH: async (request, env, _url, [id, artifactId]) => {
        const body = await readBody(request);
        const updates = body.ok ? validate(UpdateArtifactRequest, body.value) : body;
        if (!updates.ok) return protocolErrorResponse(updates.error);
        const updated = await session(env, id as string).updateArtifact(artifactId as string, updates.value);
        return resultResponse(updated, (artifact) => ({ artifact }));
      },
      DELETE: async (_request, env, _url, [id, artifactId]) => {
        const deleted = await session(env, id as string).deleteArtifact(artifactId as string);
        return deleted.ok ? noContent() : protocolErrorResponse(deleted.error);
      },
    },
  },
];

export async function routeApi(request: Request, env: Env, url: URL): Promise<Response> {
  for (const { pattern, methods } of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = methods[request.method];
    if (!handler) return errorResponse("invalid_message", `use ${Object.keys(methods).join(" or ")}`, 405);
    const params = decodeSegments(match.slice(1));
    if (params === null) return errorResponse("invalid_message", "the path has a malformed %-escape");
    // Made-up ids are answered here, without waking (or creating) any object.
    if (url.pathname.startsWith("/api/sessions/") && !isSessionId(params[0] as string)) {
      return errorResponse("not_found", "no such session");
    }
    const refused = refuseCrossSite(request, url, env);
    if (refused) return refused;
    return handler(request, env, url, params);
  }
  return errorResponse("not_found", `no route for ${url.pathname}`);
}

async function createSession(request: Request, env: Env): Promise<Response> {
  const limiter = env.CREATE_SESSION_LIMITER;
  if (limiter && !(await limiter.limit({ key: clientAddress(request) })).success) {
    return errorResponse("rate_limited", "too many new sessions from this address; retry in 10 s");
  }
  const sessionId = newSessionId();
  await session(env, sessionId).create();
  return json({ sessionId }, 201);
}

/** A JSON body; one that does not say it is JSON is refused before it is read. */
async function readBody(request: Request): Promise<Validated<unknown>> {
  if (!saysJson(request)) {
    return {
      ok: false,
      error: { code: "invalid_message", message: "send JSON bodies with content-type: application/json" },
    };
  }
  return readJsonBody(request);
}

function decodeSegments(segments: string[]): string[] | null {
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}
