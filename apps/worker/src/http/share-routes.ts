/**
 * Share links. The workspace makes, lists and revokes them (`/api/shares…`, with its credential); anyone holding
 * a link reads what it shows, and nothing else, with none (`/api/share/:token`, a session's a page at a time). A
 * token is `<workspaceId>.<secret>`: the id says which workspace to ask, which keeps only the secret's hash; a
 * token of no live link (unknown, forged, revoked, or whose artifact or session is gone) is 404, saying no more.
 * Each link has its own budget for these reads, kept by its workspace: over it, 429 with `retry-after`.
 */

import {
  type Artifact,
  CopyShareRequest,
  type CopyShareResponse,
  CreateShareRequest,
  type Message,
  MessagesQuery,
  type ProtocolError,
  type Share,
  type SharedView,
  type Validated,
  validate,
} from "@folio/protocol";
import type { Env } from "../env.js";
import { idempotencyOf } from "../idempotency/key.js";
import { isId } from "../ids.js";
import type { Page } from "../paging/page.js";
import { queryOf, type Route, type RouteContext, readBody } from "./context.js";
import { newSession } from "./new-session.js";
import { json, noContent, protocolErrorResponse } from "./responses.js";

const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** A copy of a session reads and writes this many artifacts at a time (a listing's page, at most 8 MiB). */
const COPY_PAGE = 500;

const workspace = ({ env, caller }: RouteContext) => env.WORKSPACE.getByName(caller.workspaceId);
const NO_SUCH_SHARE: ProtocolError = { code: "not_found", message: "no such share link" };
const noSuchShare = () => protocolErrorResponse(NO_SUCH_SHARE);

/** A link that opens nothing is one answer, whatever is missing; a link read too often says when to retry. */
const refusal = (error: ProtocolError) =>
  error.code === "not_found" ? noSuchShare() : protocolErrorResponse(error);

interface OpenedLink {
  share: Share;
  workspaceId: string;
}

export const SHARE_ROUTES: Route[] = [
  {
    pattern: /^\/api\/shares$/,
    methods: {
      GET: async (context) => json({ shares: await workspace(context).listShares() }),
      POST: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(CreateShareRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        const idempotency = await idempotencyOf(context.request, request.value);
        if (!idempotency.ok) return protocolErrorResponse(idempotency.error);
        const made = await workspace(context).createShare(request.value, idempotency.value);
        if (!made.ok) return protocolErrorResponse(made.error);
        const { share, secret } = made.value;
        const url = new URL(`/share/${context.caller.workspaceId}.${secret}`, context.url).href;
        return json({ share: { ...share, url } }, 201);
      },
    },
  },
  {
    pattern: /^\/api\/shares\/([^/]+)$/,
    methods: {
      DELETE: async (context) =>
        (await workspace(context).revokeShare(context.params[0] as string)) ? noContent() : noSuchShare(),
    },
  },
  {
    // A copy of what a link shows, into the caller's own workspace (a session of theirs, or a new one).
    pattern: /^\/api\/share\/([^/]+)\/copy$/,
    methods: {
      POST: async ({ env, request, params: [token], caller }) => {
        const body = await readBody(request);
        const copy = body.ok ? validate(CopyShareRequest, body.value) : body;
        if (!copy.ok) return protocolErrorResponse(copy.error);
        // The link is noted as opened once the copy is made: a refused copy changes nothing.
        const opened = await openToken(env, token as string, false);
        if (!opened.ok) return refusal(opened.error);
        const { share, workspaceId } = opened.value;
        const read = shownPages(env, opened.value);
        // The first page is read before a session is made for it: a link whose target is gone makes nothing.
        let page = await read(null);
        if (!page.ok) return refusal(page.error);
        let sessionId = copy.value.sessionId;
        if (sessionId === undefined) {
          const made = await newSession(env, request, caller.workspaceId);
          if (!made.ok) return protocolErrorResponse(made.error);
          sessionId = made.value.sessionId;
        }
        const target = env.SESSION.getByName(sessionId);
        let copied = 0;
        for (;;) {
          const copies = page.value.items.map((artifact) => copyOf(artifact, share));
          if (copies.length > 0) {
            const stored = await target.copyArtifacts(caller.workspaceId, copies);
            if (!stored.ok) return partialCopy(stored.error, copied, sessionId);
            copied += stored.value.length;
          }
          if (page.value.nextCursor === null) break;
          page = await read(page.value.nextCursor);
          if (!page.ok) return partialCopy(page.error, copied, sessionId);
        }
        await env.WORKSPACE.getByName(workspaceId).noteShareOpened(share.id);
        return json({ sessionId, copied } satisfies CopyShareResponse, 201);
      },
    },
  },
  {
    // The rest of a session's messages or artifacts, a page at a time, after the view's first.
    pattern: /^\/api\/share\/([^/]+)\/(messages|artifacts)$/,
    public: true,
    methods: {
      GET: async ({ env, url, params: [token, part] }) => {
        const query = validate(MessagesQuery, queryOf(url));
        if (!query.ok) return protocolErrorResponse(query.error);
        const opened = await openToken(env, token as string, false);
        if (!opened.ok) return refusal(opened.error);
        const { share, workspaceId } = opened.value;
        if (share.kind !== "session") return noSuchShare();
        const session = env.SESSION.getByName(share.sessionId);
        if (part === "messages") {
          const page = await session.sharedMessages(workspaceId, query.value);
          return page.ok
            ? json({ messages: page.value.items, nextCursor: page.value.nextCursor })
            : refusal(page.error);
        }
        const page = await session.sharedArtifacts(workspaceId, query.value);
        return page.ok
          ? json({ artifacts: page.value.items, nextCursor: page.value.nextCursor })
          : refusal(page.error);
      },
    },
  },
  {
    pattern: /^\/api\/share\/([^/]+)$/,
    public: true,
    methods: {
      GET: async ({ env, params: [token] }) => {
        const opened = await openToken(env, token as string);
        if (!opened.ok) return refusal(opened.error);
        const view = await viewOf(env, opened.value);
        return view.ok ? json(view.value) : refusal(view.error);
      },
    },
  },
];

/** The live link a token is, within the link's budget (noted as opened unless `note` is false). */
async function openToken(env: Env, token: string, note = true): Promise<Validated<OpenedLink>> {
  const match = TOKEN.exec(token);
  if (!match || !isId(match[1] as string)) return { ok: false, error: NO_SUCH_SHARE };
  const workspaceId = match[1] as string;
  // Cast, not annotated: through RPC's serialised types an annotation would narrow to the failure alone.
  const share = await env.WORKSPACE.getByName(workspaceId).openShare(match[2] as string, note);
  return share.ok ? { ok: true, value: { share: share.value, workspaceId } } : share;
}

/**
 * What a link shows, read from its session as its workspace: an artifact as of its pinned version (or its
 * latest) with its versions up to it; a session's first page of messages and of artifacts.
 */
async function viewOf(env: Env, { share, workspaceId }: OpenedLink): Promise<Validated<SharedView>> {
  const session = env.SESSION.getByName(share.sessionId);
  if (share.kind === "artifact") {
    const read = await session.sharedArtifact(workspaceId, share.artifactId as string);
    if (!read.ok) return read;
    const { artifact: latest, versions: all } = read.value;
    if (share.version === null) {
      return { ok: true, value: { kind: "artifact", artifact: latest, versions: all, pinned: false } };
    }
    const shown = all.filter((version) => version.version <= (share.version as number));
    const pinned = shown.at(-1);
    if (!pinned || pinned.version !== share.version) return { ok: false, error: NO_SUCH_SHARE };
    const { title, description, type, content, language, metadata, createdAt } = pinned;
    const artifact = { ...latest, title, description, type, content, language, metadata };
    return {
      ok: true,
      value: {
        kind: "artifact",
        artifact: { ...artifact, version: pinned.version, updatedAt: createdAt },
        versions: shown,
        pinned: true,
      },
    };
  }
  const [messages, artifacts] = (await Promise.all([
    session.sharedMessages(workspaceId, {}),
    session.sharedArtifacts(workspaceId, {}),
  ])) as [Validated<Page<Message>>, Validated<Page<Artifact>>];
  if (!messages.ok) return messages;
  if (!artifacts.ok) return artifacts;
  return {
    ok: true,
    value: {
      kind: "session",
      title: share.title,
      messages: messages.value.items,
      nextMessagesCursor: messages.value.nextCursor,
      artifacts: artifacts.value.items,
      nextArtifactsCursor: artifacts.value.nextCursor,
    },
  };
}

/** What a link shows as pages of artifacts, for a copy: an artifact's link is one page of one. */
function shownPages(
  env: Env,
  link: OpenedLink,
): (cursor: string | null) => Promise<Validated<Page<Artifact>>> {
  const { share, workspaceId } = link;
  if (share.kind === "artifact") {
    return async () => {
      const view = await viewOf(env, link);
      if (!view.ok) return view;
      const artifact = view.value.kind === "artifact" ? view.value.artifact : null;
      return { ok: true, value: { items: artifact ? [artifact] : [], nextCursor: null } };
    };
  }
  const session = env.SESSION.getByName(share.sessionId);
  return async (cursor) =>
    await session.sharedArtifacts(
      workspaceId,
      cursor === null ? { limit: COPY_PAGE } : { cursor, limit: COPY_PAGE },
    );
}

function copyOf(artifact: Artifact, share: Share) {
  return {
    messageId: null,
    title: artifact.title,
    description: artifact.description,
    type: artifact.type,
    content: artifact.content,
    language: artifact.language,
    metadata: {
      ...artifact.metadata,
      copiedFrom: { share: share.id, artifactId: artifact.id, version: artifact.version },
    },
  };
}

/** A copy that failed after some pages were stored says so: what is stored is never answered as nothing. */
function partialCopy(error: ProtocolError, copied: number, sessionId: string): Response {
  if (copied === 0) return refusal(error);
  return protocolErrorResponse({
    ...error,
    message: `${error.message} (after copying ${copied} artifacts into session ${sessionId})`,
  });
}
