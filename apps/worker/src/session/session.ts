/**
 * The Session Durable Object: one chat session, its own SQLite database, every socket connected to it
 * (hibernatable), and the REST API under /api/sessions/:sessionId.
 */

import { DurableObject } from "cloudflare:workers";
import { extractCodeBlocks, inferArtifact } from "@folio/parser";
import {
  ArtifactsQuery,
  type ClientFrame,
  ImportMessageRequest,
  type Message,
  type ProtocolError,
  parseClientFrame,
  type ServerFrame,
  UpdateArtifactRequest,
  validate,
} from "@folio/protocol";
import type { Env } from "../env.js";
import { errorResponse, json } from "../http/responses.js";
import { selectModel } from "../providers/select.js";
import { SYSTEM_PROMPT } from "../providers/system-prompt.js";
import { Generation } from "./generation.js";
import { modelHistory } from "./history.js";
import { migrate } from "./migrations.js";
import { rateLimitFrom, TokenBucket } from "./rate-limit.js";
import { SessionStore } from "./store.js";

/** Set by the router on every request it forwards: the session this object is. */
export const SESSION_ID_HEADER = "x-folio-session";

interface SocketAttachment {
  sessionId: string;
}

export class Session extends DurableObject<Env> {
  private store: SessionStore | null = null;
  private generation: Generation | null = null;
  /** In memory only: an object that hibernated or restarted has been idle, so its bucket is full anyway. */
  private readonly bucket: TokenBucket;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.bucket = new TokenBucket(rateLimitFrom(env));
    ctx.blockConcurrencyWhile(async () => {
      migrate(ctx.storage);
      // An answer still marked streaming was cut off when the object stopped: keep it, marked as failed.
      ctx.storage.sql.exec("UPDATE chat_messages SET status = 'error' WHERE status = 'streaming'");
    });
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  override async fetch(request: Request): Promise<Response> {
    const sessionId = request.headers.get(SESSION_ID_HEADER);
    if (sessionId === null) return errorResponse("forbidden", "requests must come through the router");
    const store = this.storeFor(sessionId);
    if (!this.bucket.take()) {
      const response = errorResponse("rate_limited", "too many requests; slow down");
      response.headers.set("retry-after", String(this.bucket.retryAfterSeconds()));
      return response;
    }
    const url = new URL(request.url);
    const path = url.pathname.slice(`/api/sessions/${sessionId}`.length);
    try {
      return await this.route(request, url, path, store);
    } catch (error) {
      console.error("session request failed", error);
      return errorResponse("internal", "the request failed");
    }
  }

  private async route(request: Request, url: URL, path: string, store: SessionStore): Promise<Response> {
    const method = request.method;
    if (path === "/ws") {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
        return errorResponse("invalid_message", "expected a WebSocket upgrade", 426);
      }
      return this.acceptSocket(store.sessionId);
    }
    if (path === "/messages") {
      if (method === "GET") return json({ messages: this.liveMessages(store) });
      if (method === "POST") return this.importMessage(request, store);
      return errorResponse("invalid_message", "use GET or POST", 405);
    }
    if (path === "/artifacts") {
      if (method !== "GET") return errorResponse("invalid_message", "use GET", 405);
      const query = validate(ArtifactsQuery, Object.fromEntries(url.searchParams));
      if (!query.ok) return errorResponse(query.error.code, query.error.message);
      return json({ artifacts: store.listArtifacts(query.value) });
    }
    const artifactRoute = /^\/artifacts\/([^/]+)$/.exec(path);
    if (artifactRoute)
      return this.artifactRoute(request, decodeURIComponent(artifactRoute[1] as string), store);
    return errorResponse("not_found", `no route for ${url.pathname}`);
  }

  private async artifactRoute(request: Request, artifactId: string, store: SessionStore): Promise<Response> {
    if (request.method === "GET") {
      const artifact = store.getArtifact(artifactId);
      return artifact ? json({ artifact }) : errorResponse("not_found", "no such artifact");
    }
    if (request.method === "PATCH") {
      const body = await readJson(request);
      if (!body.ok) return errorResponse(body.error.code, body.error.message);
      const updates = validate(UpdateArtifactRequest, body.value);
      if (!updates.ok) return errorResponse(updates.error.code, updates.error.message);
      const artifact = store.transaction(() => store.updateArtifact(artifactId, updates.value));
      if (!artifact) return errorResponse("not_found", "no such artifact");
      this.broadcast({ type: "artifact_updated", artifact });
      return json({ artifact });
    }
    if (request.method === "DELETE") {
      if (!store.transaction(() => store.deleteArtifact(artifactId))) {
        return errorResponse("not_found", "no such artifact");
      }
      this.broadcast({ type: "artifact_deleted", artifactId });
      return new Response(null, { status: 204 });
    }
    return errorResponse("invalid_message", "use GET, PATCH or DELETE", 405);
  }

  private async importMessage(request: Request, store: SessionStore): Promise<Response> {
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error.code, body.error.message);
    const parsed = validate(ImportMessageRequest, body.value);
    if (!parsed.ok) return errorResponse(parsed.error.code, parsed.error.message);
    const { content } = parsed.value;
    const result = store.transaction(() => {
      const message = store.insertMessage("assistant", content, "complete");
      const artifacts = extractCodeBlocks(content).map((block) =>
        store.insertArtifact({
          messageId: message.id,
          content: block.code,
          ...inferArtifact(block, { message: content }),
        }),
      );
      return { message, artifacts };
    });
    this.broadcast({ type: "message", message: result.message });
    for (const artifact of result.artifacts) this.broadcast({ type: "artifact_created", artifact });
    return json(result, 201);
  }

  /**
   * The session's messages, with the one being answered as it stands in memory: SQLite holds its last
   * checkpoint, so a listing plus the deltas that follow it adds up to the answer.
   */
  private liveMessages(store: SessionStore): Message[] {
    const live = this.generation?.snapshot();
    const messages = store.listMessages();
    return live ? messages.map((message) => (message.id === live.id ? live : message)) : messages;
  }

  private acceptSocket(sessionId: string): Response {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ sessionId } satisfies SocketAttachment);
    // A socket that joins mid-answer gets the answer so far, then the live deltas.
    if (this.generation) send(server, { type: "message_start", message: this.generation.snapshot() });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(socket: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const { sessionId } = socket.deserializeAttachment() as SocketAttachment;
    const store = this.storeFor(sessionId);
    // Every frame costs a token, malformed ones included.
    const allowed = this.bucket.take();
    const parsed = parseClientFrame(raw);
    if (!allowed) {
      const requestId = parsed.ok ? parsed.frame.requestId : parsed.error.requestId;
      sendError(socket, {
        code: "rate_limited",
        message: `too many frames; retry in ${this.bucket.retryAfterSeconds()} s`,
        ...(requestId === undefined ? {} : { requestId }),
      });
      return;
    }
    if (!parsed.ok) {
      sendError(socket, parsed.error);
      return;
    }
    try {
      this.handleFrame(socket, parsed.frame, store);
    } catch (error) {
      console.error("frame failed", error);
      sendError(socket, { code: "internal", message: "the request failed", ...requestIdOf(parsed.frame) });
    }
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    try {
      socket.close(code, reason);
    } catch {
      // Already closed: nothing to do.
    }
  }

  private handleFrame(socket: WebSocket, frame: ClientFrame, store: SessionStore): void {
    const echo = requestIdOf(frame);
    switch (frame.type) {
      case "chat":
        return this.startChat(socket, frame.content, store, echo);
      case "get_messages":
        return send(socket, { type: "messages", messages: this.liveMessages(store), ...echo });
      case "get_artifacts": {
        if (frame.sessionId !== store.sessionId) {
          return sendError(socket, { code: "forbidden", message: "that is another session", ...echo });
        }
        const filter = frame.messageId === undefined ? {} : { messageId: frame.messageId };
        const artifacts = store.listArtifacts(filter);
        return send(socket, { type: "artifacts", sessionId: store.sessionId, ...filter, artifacts, ...echo });
      }
      case "update_artifact": {
        const artifact = store.transaction(() => store.updateArtifact(frame.artifactId, frame.updates));
        if (!artifact) return sendError(socket, { code: "not_found", message: "no such artifact", ...echo });
        return this.broadcast({ type: "artifact_updated", artifact }, socket, echo);
      }
      case "delete_artifact": {
        if (!store.transaction(() => store.deleteArtifact(frame.artifactId))) {
          return sendError(socket, { code: "not_found", message: "no such artifact", ...echo });
        }
        return this.broadcast({ type: "artifact_deleted", artifactId: frame.artifactId }, socket, echo);
      }
      case "cancel": {
        if (this.generation?.message.id !== frame.messageId) {
          return sendError(socket, {
            code: "not_found",
            message: "no answer is streaming with that id",
            ...echo,
          });
        }
        this.generation.cancel();
        return;
      }
    }
  }

  private startChat(
    socket: WebSocket,
    content: string,
    store: SessionStore,
    echo: { requestId?: string },
  ): void {
    if (this.generation) {
      return sendError(socket, { code: "busy", message: "an answer is already streaming", ...echo });
    }
    let model: ReturnType<typeof selectModel>;
    try {
      model = selectModel(this.env);
    } catch (error) {
      return sendError(socket, { code: "internal", message: (error as Error).message, ...echo });
    }
    const userMessage = store.insertMessage("user", content, "complete");
    this.broadcast({ type: "message", message: userMessage }, socket, echo);
    const history = modelHistory(store.listMessages(), SYSTEM_PROMPT);
    const generation = new Generation({ store, model, history, broadcast: (frame) => this.broadcast(frame) });
    this.generation = generation;
    const running = generation.run().finally(() => {
      if (this.generation === generation) this.generation = null;
    });
    this.ctx.waitUntil(running);
  }

  /** Sends a frame to every socket of the session; the socket that asked gets it with its requestId. */
  private broadcast(frame: ServerFrame, origin?: WebSocket, echo: { requestId?: string } = {}): void {
    for (const socket of this.ctx.getWebSockets()) {
      send(socket, socket === origin ? { ...frame, ...echo } : frame);
    }
  }

  private storeFor(sessionId: string): SessionStore {
    if (this.store?.sessionId !== sessionId) this.store = new SessionStore(this.ctx.storage, sessionId);
    return this.store;
  }
}

function requestIdOf(frame: ClientFrame): { requestId?: string } {
  return frame.requestId === undefined ? {} : { requestId: frame.requestId };
}

function send(socket: WebSocket, frame: ServerFrame): void {
  try {
    socket.send(JSON.stringify(frame));
  } catch {
    // The socket closed meanwhile; its close handler cleans up.
  }
}

function sendError(socket: WebSocket, error: ProtocolError): void {
  send(socket, { type: "error", ...error });
}

async function readJson(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ProtocolError }> {
  const text = await request.text();
  if (text.length > 2 * 1024 * 1024)
    return { ok: false, error: { code: "too_large", message: "body too large" } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: { code: "invalid_message", message: "body is not valid JSON" } };
  }
}
