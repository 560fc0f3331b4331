/**
 * A session's routes: `/api/sessions/:id/...`. Each names the asking workspace to the session's object, which
 * answers `not_found` for a session of another workspace (never confirming it exists).
 */
import {
  type Artifact,
  ArtifactsQuery,
  ImportMessageRequest,
  type ImportMessageResponse,
  type Message,
  MessagesQuery,
  type SearchResult,
  UpdateArtifactRequest,
  type Validated,
  validate,
} from "@folio/protocol";
import { idempotencyOf } from "../idempotency/key.js";
import type { Page } from "../paging/page.js";
import { WORKSPACE_HEADER } from "../session/session.js";
import { queryOf, type Route, readBody } from "./context.js";
import { entityTag, readIfMatch } from "./etag.js";
import { errorResponse, jsonText, noContent, protocolErrorResponse, resultResponse } from "./responses.js";

export const SESSION_ROUTES: Route[] = [
  {
    pattern: /^\/api\/sessions\/([^/]+)\/ws$/,
    methods: {
      GET: async ({ request, env, params: [id], caller }) => {
        // The object learns who asks from the Worker alone: whatever the client sent under that name is replaced.
        const headers = new Headers(request.headers);
        headers.set(WORKSPACE_HEADER, caller.workspaceId);
        return env.SESSION.getByName(id as string).fetch(new Request(request, { headers }));
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/messages$/,
    methods: {
      GET: async ({ env, url, params: [id], caller }) => {
        const query = validate(MessagesQuery, queryOf(url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const page: Validated<Page<Message>> = await env.SESSION.getByName(id as string).listMessages(
          caller.workspaceId,
          query.value,
        );
        return resultResponse(page, ({ items, nextCursor }: Page<Message>) => ({
          messages: items,
          nextCursor,
        }));
      },
      POST: async ({ request, env, params: [id], caller }) => {
        const body = await readBody(request);
        const imported = body.ok ? validate(ImportMessageRequest, body.value) : body;
        if (!imported.ok) return protocolErrorResponse(imported.error);
        const idempotency = await idempotencyOf(request, imported.value);
        if (!idempotency.ok) return protocolErrorResponse(idempotency.error);
        const stored = await env.SESSION.getByName(id as string).importMessage(
          caller.workspaceId,
          imported.value,
          idempotency.value,
        );
        return resultResponse(stored, (response: ImportMessageResponse) => response, 201);
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts$/,
    methods: {
      GET: async ({ env, url, params: [id], caller }) => {
        const query = validate(ArtifactsQuery, queryOf(url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const { q, ...filter } = query.value;
        const session = env.SESSION.getByName(id as string);
        if (q !== undefined) {
          const found: Validated<Page<SearchResult>> = await session.searchArtifacts(
            caller.workspaceId,
            q,
            filter,
          );
          return resultResponse(found, ({ items, nextCursor }: Page<SearchResult>) => ({
            results: items,
            nextCursor,
          }));
        }
        const page: Validated<Page<Artifact>> = await session.listArtifacts(caller.workspaceId, filter);
        return resultResponse(page, ({ items, nextCursor }: Page<Artifact>) => ({
          artifacts: items,
          nextCursor,
        }));
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)$/,
    methods: {
      GET: async ({ env, params: [id, artifactId], caller }) =>
        resultResponse(
          await env.SESSION.getByName(id as string).getArtifact(caller.workspaceId, artifactId as string),
          artifactBody,
        ),
      // `If-Match` makes the edit conditional (etag.ts): a stale version is 409 `conflict`, a stale ETag 412,
      // and either changes nothing.
      PATCH: async ({ request, env, params: [id, artifactId], caller }) => {
        const condition = readIfMatch(request.headers.get("if-match"));
        if (!condition.ok) return protocolErrorResponse(condition.error);
        const body = await readBody(request);
        const updates = body.ok ? validate(UpdateArtifactRequest, body.value) : body;
        if (!updates.ok) return protocolErrorResponse(updates.error);
        const session = env.SESSION.getByName(id as string);
        let baseVersion: number | undefined;
        if (condition.value.kind === "version") baseVersion = condition.value.version;
        if (condition.value.kind === "tags") {
          const current = await session.getArtifact(caller.workspaceId, artifactId as string);
          if (!current.ok) return protocolErrorResponse(current.error);
          const tag = await entityTag(JSON.stringify(artifactBody(current.value)));
          if (!condition.value.tags.includes(tag)) return preconditionFailed(current.value.version);
          // The tag names this version's state: an edit landing in between is refused as stale.
          baseVersion = current.value.version;
        }
        const updated = await session.updateArtifact(
          caller.workspaceId,
          artifactId as string,
          updates.value,
          baseVersion,
        );
        if (!updated.ok) {
          const stale = updated.error.code === "conflict" && condition.value.kind === "tags";
          return protocolErrorResponse(updated.error, stale ? 412 : undefined);
        }
        // Tagged as its GET would be, so a client can chain edits on the answers alone.
        const text = JSON.stringify(artifactBody(updated.value));
        const response = jsonText(text);
        response.headers.set("etag", await entityTag(text));
        return response;
      },
      DELETE: async ({ env, params: [id, artifactId], caller }) => {
        const deleted = await env.SESSION.getByName(id as string).deleteArtifact(
          caller.workspaceId,
          artifactId as string,
        );
        return deleted.ok ? noContent() : protocolErrorResponse(deleted.error);
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)\/versions$/,
    methods: {
      GET: async ({ env, params: [id, artifactId], caller }) =>
        resultResponse(
          await env.SESSION.getByName(id as string).listVersions(caller.workspaceId, artifactId as string),
          (versions) => ({ versions }),
        ),
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)\/versions\/([^/]+)$/,
    methods: {
      GET: async ({ env, params: [id, artifactId, number], caller }) => {
        const version = versionNumber(number as string);
        if (version === null) return errorResponse("invalid_message", "a version is a whole number from 1");
        return resultResponse(
          await env.SESSION.getByName(id as string).getVersion(
            caller.workspaceId,
            artifactId as string,
            version,
          ),
          (found) => ({ version: found }),
        );
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)\/versions\/([^/]+)\/diff\/([^/]+)$/,
    methods: {
      GET: async ({ env, params: [id, artifactId, fromText, toText], caller }) => {
        const from = versionNumber(fromText as string);
        const to = versionNumber(toText as string);
        if (from === null || to === null)
          return errorResponse("invalid_message", "a version is a whole number from 1");
        return resultResponse(
          await env.SESSION.getByName(id as string).diffVersions(
            caller.workspaceId,
            artifactId as string,
            from,
            to,
          ),
          (diff) => ({ diff }),
        );
      },
    },
  },
  {
    pattern: /^\/api\/sessions\/([^/]+)\/artifacts\/([^/]+)\/versions\/([^/]+)\/restore$/,
    methods: {
      POST: async ({ env, params: [id, artifactId, number], caller }) => {
        const version = versionNumber(number as string);
        if (version === null) return errorResponse("invalid_message", "a version is a whole number from 1");
        return resultResponse(
          await env.SESSION.getByName(id as string).restoreVersion(
            caller.workspaceId,
            artifactId as string,
            version,
          ),
          (artifact) => ({ artifact }),
        );
      },
    },
  },
];

function versionNumber(text: string): number | null {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}

/** An artifact's answer: its GET's body, whose hash is the tag an edit's `If-Match` may echo. */
function artifactBody(artifact: Artifact): { artifact: Artifact } {
  return { artifact };
}

function preconditionFailed(currentVersion: number): Response {
  return protocolErrorResponse(
    {
      code: "conflict",
      message: `the artifact changed since that ETag: it is at version ${currentVersion}`,
      currentVersion,
    },
    412,
  );
}
