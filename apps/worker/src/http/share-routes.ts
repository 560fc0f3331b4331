/**
 * Share links. The workspace makes, lists and revokes them (`/api/shares…`, with its credential); anyone holding
 * a link reads what it shows, and nothing else, with none (`/api/share/:token`). A token is
 * `<workspaceId>.<secret>`: the id says which workspace to ask, which keeps only the secret's hash; a token of no
 * live link (unknown, forged, revoked, or whose artifact or session is gone) is 404, saying no more.
 */

import {
  type Artifact,
  type ArtifactVersion,
  CopyShareRequest,
  CreateShareRequest,
  type Message,
  type Share,
  type SharedView,
  type Validated,
  validate,
} from "@folio/protocol";
import type { Env } from "../env.js";
import { idempotencyOf } from "../idempotency/key.js";
import { isId } from "../ids.js";
import type { Page } from "../paging/page.js";
import { type Route, type RouteContext, readBody } from "./context.js";
import { newSession } from "./new-session.js";
import { errorResponse, json, noContent, protocolErrorResponse } from "./responses.js";

const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** A session's share shows at most this many messages and artifacts. */
const SHARED_ITEMS = 5000;
const LISTING_PAGE = 500;

const workspace = ({ env, caller }: RouteContext) => env.WORKSPACE.getByName(caller.workspaceId);
const noSuchShare = () => errorResponse("not_found", "no such share link");

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
        if (!opened) return noSuchShare();
        const { share, view, workspaceId } = opened;
        const shown = view.kind === "artifact" ? [view.artifact] : view.artifacts;
        let sessionId = copy.value.sessionId;
        if (sessionId === undefined) {
          const made = await newSession(env, request, caller.workspaceId);
          if (!made.ok) return protocolErrorResponse(made.error);
          sessionId = made.value.sessionId;
        }
        const copies = shown.map((artifact) => ({
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
        }));
        const stored = await env.SESSION.getByName(sessionId).copyArtifacts(caller.workspaceId, copies);
        if (!stored.ok) return protocolErrorResponse(stored.error);
        await env.WORKSPACE.getByName(workspaceId).noteShareOpened(share.id);
        return json({ sessionId, artifacts: stored.value }, 201);
      },
    },
  },
  {
    pattern: /^\/api\/share\/([^/]+)$/,
    public: true,
    methods: {
      GET: async ({ env, params: [token] }) => {
        const opened = await openToken(env, token as string);
        return opened ? json(opened.view) : noSuchShare();
      },
    },
  },
];

/** The live link a token is, and what it shows; null for a token of none. */
async function openToken(
  env: Env,
  token: string,
  note = true,
): Promise<{ share: Share; view: SharedView; workspaceId: string } | null> {
  const match = TOKEN.exec(token);
  if (!match || !isId(match[1] as string)) return null;
  const workspaceId = match[1] as string;
  const share: Share | null = await env.WORKSPACE.getByName(workspaceId).openShare(match[2] as string, note);
  if (!share) return null;
  const view = await viewOf(env, workspaceId, share);
  return view ? { share, view, workspaceId } : null;
}

/** What a link shows, read from its session as its workspace; null when that is gone. */
async function viewOf(env: Env, workspaceId: string, share: Share): Promise<SharedView | null> {
  const session = env.SESSION.getByName(share.sessionId);
  if (share.kind === "artifact") {
    const artifactId = share.artifactId as string;
    const current = await session.getArtifact(workspaceId, artifactId);
    const versions = await session.listVersions(workspaceId, artifactId);
    if (!current.ok || !versions.ok) return null;
    const latest: Artifact = current.value;
    const all: ArtifactVersion[] = versions.value;
    if (share.version === null) return { kind: "artifact", artifact: latest, versions: all, pinned: false };
    const shown = all.filter((version) => version.version <= (share.version as number));
    const pinned = shown.at(-1);
    if (!pinned || pinned.version !== share.version) return null;
    const { title, description, type, content, language, metadata, createdAt } = pinned;
    const artifact = { ...latest, title, description, type, content, language, metadata };
    return {
      kind: "artifact",
      artifact: { ...artifact, version: pinned.version, updatedAt: createdAt },
      versions: shown,
      pinned: true,
    };
  }
  const messages = await everyPage<Message>((cursor) => session.listMessages(workspaceId, pageQuery(cursor)));
  const artifacts = await everyPage<Artifact>((cursor) =>
    session.listArtifacts(workspaceId, pageQuery(cursor)),
  );
  if (!messages || !artifacts) return null;
  return { kind: "session", title: share.title, messages, artifacts };
}

function pageQuery(cursor: string | null) {
  return cursor === null ? { limit: LISTING_PAGE } : { limit: LISTING_PAGE, cursor };
}

async function everyPage<T>(
  read: (cursor: string | null) => Promise<Validated<Page<T>>>,
): Promise<T[] | null> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    if (!page.ok) return null;
    items.push(...page.value.items);
    cursor = page.value.nextCursor;
  } while (cursor !== null && items.length < SHARED_ITEMS);
  return items.slice(0, SHARED_ITEMS);
}
