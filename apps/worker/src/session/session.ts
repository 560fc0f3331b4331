/**
 * The Session Durable Object: one chat session, its own SQLite database and every socket connected to it. The
 * Worker reaches it by typed RPC (one method per operation, answering a `Validated` value) and through `fetch`
 * only for WebSocket upgrades; HTTP parsing, origin checks and routing stay in the Worker.
 *
 * Sockets are standard WebSockets, not hibernatable ones: the hibernation API delivers every frame as an event of
 * its own, at about 170 µs each here even when the frame is dropped at once, so 20,000 frames already on their way
 * held the whole server for over 3 s; a standard socket's frames cost about 25 µs. The price is that an object
 * stays in memory while a tab is connected, and an object that restarts drops its sockets (clients reconnect and
 * resync, as after any disconnection).
 */

import { DurableObject } from "cloudflare:workers";
import type {
  Artifact,
  ArtifactsQuery,
  ArtifactUpdates,
  ArtifactVersion,
  ClientFrame,
  ExportedVersion,
  ImportMessageRequest,
  ImportMessageResponse,
  Message,
  MessagesQuery,
  ProtocolError,
  SearchResult,
  ServerFrame,
  Validated,
  VersionDiff,
} from "@folio/protocol";
import { MAX_PAGE, parseClientFrame } from "@folio/protocol";
import { sha256Hex } from "../archive/digest.js";
import { type Env, variablesOf } from "../env.js";
import { errorResponse } from "../http/responses.js";
import type { Idempotency } from "../idempotency/key.js";
import { bytesOf, errorText, log, since } from "../observability/log.js";
import type { Page } from "../paging/page.js";
import { selectModel } from "../providers/select.js";
import { SYSTEM_PROMPT } from "../providers/system-prompt.js";
import { isCreated, migrate } from "../sqlite/migrate.js";
import { answerPage } from "./answer-page.js";
import { type ImportCounts, SESSION_NOT_STORED, type SessionImport, writeImport } from "./archive-import.js";
import { DEFAULT_IDLE_TIMEOUT_MS, Generation } from "./generation.js";
import { modelHistory } from "./history.js";
import { IdempotentAnswers } from "./idempotent-answers.js";
import { IndexOutbox } from "./index-outbox.js";
import { MIGRATIONS } from "./migrations.js";
import { rateLimitFrom, TokenBucket } from "./rate-limit.js";
import { SocketBudgets, socketLimitFrom } from "./socket-budget.js";
import {
  type ArtifactHistory,
  type ExportSnapshot,
  type NewArtifact,
  type PageQuery,
  SessionStore,
  type VersionChange,
} from "./store.js";
import { storeAnswer } from "./stored-answer.js";
import { diffVersions } from "./version-diff.js";

type Echo = { requestId?: string };

/** An export reads artifacts in pages of about this much content. */
const EXPORT_PAGE_CHARS = 8 * 1024 * 1024;

export type ExportPage = ReturnType<SessionStore["exportArtifacts"]>;

/** A version as the manifest describes it, but for where its file goes. */
export type DescribedVersion = Omit<ExportedVersion, "path">;

export interface DigestPage {
  items: (Omit<ArtifactHistory, "versions"> & { versions: DescribedVersion[] })[];
  next: number | null;
  snapshot: ExportSnapshot;
}

const NOT_FOUND: ProtocolError = { code: "not_found", message: "no such session" };

/** The header by which the Worker tells the object, on a socket upgrade, which workspace is asking. */
export const WORKSPACE_HEADER = "folio-workspace";

export class Session extends DurableObject<Env> {
  /** Null until the session is created: an id nobody issued stores nothing. */
  private store: SessionStore | null = null;
  private outbox: IndexOutbox | null = null;
  private generation: Generation | null = null;
  /** REST calls' budget. In memory only: an object that restarted has been idle anyway. */
  private readonly bucket: TokenBucket;
  private readonly sockets: SocketBudgets;
  private readonly connected = new Set<WebSocket>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.bucket = new TokenBucket(rateLimitFrom(env));
    this.sockets = new SocketBudgets(rateLimitFrom(env), socketLimitFrom(env));
    ctx.blockConcurrencyWhile(async () => {
      if (!isCreated(ctx.storage)) return;
      const store = this.open();
      // An answer still marked streaming was cut off when the object stopped: keep it, marked as failed.
      const cut = store.markInterrupted();
      if (cut > 0) log({ event: "answer.interrupted", session: this.sessionId, count: cut, status: "error" });
      // Changes the workspace had not heard of when the object stopped.
      if (this.outbox?.pending()) this.reportChanges();
    });
  }

  private open(): SessionStore {
    migrate(this.ctx.storage, MIGRATIONS);
    const store = new SessionStore(this.ctx.storage, this.sessionId, () => this.reportChanges());
    this.store = store;
    this.outbox = new IndexOutbox({
      store,
      ctx: this.ctx,
      deliver: async (report) => {
        const owner = store.owner();
        if (owner) await this.env.WORKSPACE.getByName(owner).report(report);
      },
    });
    return store;
  }

  /** Starts telling the workspace what changed, after the write that changed it; nobody waits for it. */
  private reportChanges(): void {
    this.outbox?.changed();
  }

  /** The outbox's retries (see index-outbox.ts). */
  override async alarm(): Promise<void> {
    await this.outbox?.alarm();
  }

  /** The session's id: the name the Worker reached this object by. */
  private get sessionId(): string {
    const name = this.ctx.id.name;
    if (name === undefined) throw new Error("a Session is always reached by name");
    return name;
  }

  /**
   * Makes the session exist (its schema), owned by a workspace; the Worker calls it once, for an id it has just
   * issued. The workspace hears of it at once (awaited here, as it is rare), or later from the outbox.
   */
  async create(workspaceId: string): Promise<void> {
    if (this.store) return;
    this.open().setOwner(workspaceId);
    await this.outbox?.drain();
  }

  /** Stores copies of artifacts from elsewhere (a share link's), each new, in order; no message made them. */
  async copyArtifacts(workspaceId: string, artifacts: NewArtifact[]): Promise<Validated<Artifact[]>> {
    return this.serve(workspaceId, (store) => {
      const start = Date.now();
      const copies = store.transaction(() => store.insertArtifacts(artifacts));
      log({
        event: "artifact.copied",
        session: this.sessionId,
        workspace: workspaceId,
        count: copies.length,
        bytes: copies.reduce((sum, { content }) => sum + bytesOf(content), 0),
        ms: since(start),
      });
      for (const artifact of copies) this.broadcast({ type: "artifact_created", artifact });
      return { ok: true, value: copies };
    });
  }

  /**
   * Reports every artifact to the workspace again (a repair of its index), once delivered; answers how many.
   */
  async reindex(workspaceId: string): Promise<number> {
    const store = this.store;
    if (!store || store.owner() !== workspaceId) return 0;
    const count = store.transaction(() => store.markAll());
    await this.outbox?.drain();
    return count;
  }

  /**
   * A repair: of the ids the workspace's index holds of this session, those it no longer has are marked, so the
   * outbox reports them deleted.
   */
  async forgetMissing(workspaceId: string, artifactIds: string[]): Promise<void> {
    const store = this.store;
    if (!store || store.owner() !== workspaceId) return;
    store.transaction(() => store.markMissing(artifactIds));
  }

  /**
   * Tells the workspace, now, every change it has yet to hear (its outbox waits a moment to batch them): a route
   * naming an artifact just made waits on it. Only the session's own workspace may ask.
   */
  async reportNow(workspaceId: string): Promise<void> {
    if (this.store?.owner() !== workspaceId) return;
    await this.outbox?.drain();
  }

  /** Changes still to be told to the workspace (for tests and inspection). */
  async pendingReports(): Promise<number> {
    return this.outbox?.pending() ?? 0;
  }

  /**
   * Deletes the session: every socket is closed, the answer in flight is stopped, and all of the object's
   * storage is deleted. Only its workspace may.
   */
  async destroy(workspaceId: string): Promise<Validated<null>> {
    const store = this.store;
    if (!store || store.owner() !== workspaceId) return { ok: false, error: NOT_FOUND };
    this.outbox?.stop();
    this.generation?.cancel();
    for (const socket of this.connected) {
      try {
        socket.close(1000, "the session was deleted");
      } catch {
        // Already closing.
      }
    }
    this.connected.clear();
    this.store = null;
    this.outbox = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    return { ok: true, value: null };
  }

  /** A page of the messages, oldest first. */
  async listMessages(workspaceId: string, query: MessagesQuery = {}): Promise<Validated<Page<Message>>> {
    return this.serve(workspaceId, (store) => this.liveMessages(store, query));
  }

  /** A page of the artifacts, oldest first; with `q`, use searchArtifacts. */
  async listArtifacts(
    workspaceId: string,
    query: Omit<ArtifactsQuery, "q"> = {},
  ): Promise<Validated<Page<Artifact>>> {
    return this.serve(workspaceId, (store) => store.pageArtifacts(query));
  }

  /** A ranked full-text search of the artifacts, best first. */
  async searchArtifacts(
    workspaceId: string,
    text: string,
    query: Omit<ArtifactsQuery, "q"> = {},
  ): Promise<Validated<Page<SearchResult>>> {
    return this.serve(workspaceId, (store) => store.searchArtifacts(text, query));
  }

  async getArtifact(workspaceId: string, artifactId: string): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) => {
      const artifact = store.getArtifact(artifactId);
      return artifact ? { ok: true, value: artifact } : { ok: false, error: noSuchArtifact() };
    });
  }

  /**
   * A share link's reads, for the Worker as the link's workspace: outside the session's REST budget, since each
   * link has its own (kept by the workspace), so strangers opening links never spend the owner's.
   */
  async sharedArtifact(
    workspaceId: string,
    artifactId: string,
  ): Promise<Validated<{ artifact: Artifact; versions: ArtifactVersion[] }>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    const artifact = store.getArtifact(artifactId);
    const versions = store.listVersions(artifactId);
    if (!artifact || !versions) return { ok: false, error: noSuchArtifact() };
    return { ok: true, value: { artifact, versions } };
  }

  /** A page of the messages for a share link, oldest first (see sharedArtifact). */
  async sharedMessages(workspaceId: string, query: PageQuery): Promise<Validated<Page<Message>>> {
    const store = this.storeFor(workspaceId);
    return store ? this.liveMessages(store, query) : { ok: false, error: NOT_FOUND };
  }

  /** A page of the artifacts for a share link, oldest first (see sharedArtifact). */
  async sharedArtifacts(workspaceId: string, query: PageQuery): Promise<Validated<Page<Artifact>>> {
    const store = this.storeFor(workspaceId);
    return store ? store.pageArtifacts(query) : { ok: false, error: NOT_FOUND };
  }

  /** `baseVersion`, when given, must be the current version, or the edit is refused with `conflict`. */
  async updateArtifact(
    workspaceId: string,
    artifactId: string,
    updates: ArtifactUpdates,
    baseVersion?: number,
  ): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) =>
      this.applyUpdate(store, artifactId, updates, { source: "edit" }, baseVersion),
    );
  }

  async listVersions(workspaceId: string, artifactId: string): Promise<Validated<ArtifactVersion[]>> {
    return this.serve(workspaceId, (store) => {
      const versions = store.listVersions(artifactId);
      return versions ? { ok: true, value: versions } : { ok: false, error: noSuchArtifact() };
    });
  }

  async getVersion(
    workspaceId: string,
    artifactId: string,
    version: number,
  ): Promise<Validated<ArtifactVersion>> {
    return this.serve(workspaceId, (store) => versionOf(store, artifactId, version));
  }

  /** How the content changed from one version to another (either way round). */
  async diffVersions(
    workspaceId: string,
    artifactId: string,
    from: number,
    to: number,
  ): Promise<Validated<VersionDiff>> {
    return this.serve(workspaceId, (store) => {
      const older = versionOf(store, artifactId, from);
      if (!older.ok) return older;
      const newer = versionOf(store, artifactId, to);
      if (!newer.ok) return newer;
      return { ok: true, value: diffVersions(older.value, newer.value) };
    });
  }

  async restoreVersion(
    workspaceId: string,
    artifactId: string,
    version: number,
  ): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) => this.applyRestore(store, artifactId, version));
  }

  async deleteArtifact(workspaceId: string, artifactId: string): Promise<Validated<null>> {
    return this.serve(workspaceId, (store) => this.applyDelete(store, artifactId));
  }

  /**
   * An export's first pass (archive/export-archive.ts): a page of artifacts after row `after`, as of `snapshot`
   * (taken now when null), with each version's fields, size and SHA-256 but not its content, which stays here.
   * `artifactIds` keeps only those.
   */
  async exportDigests(
    workspaceId: string,
    after: number,
    snapshot: ExportSnapshot | null,
    artifactIds?: string[],
  ): Promise<Validated<DigestPage>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    const at = snapshot ?? store.exportSnapshot();
    const page = store.exportArtifacts(after, EXPORT_PAGE_CHARS, at, artifactIds);
    const items = await Promise.all(
      page.items.map(async ({ versions, ...artifact }) => ({
        ...artifact,
        versions: await Promise.all(versions.map(describedVersion)),
      })),
    );
    return { ok: true, value: { items, next: page.next, snapshot: at } };
  }

  /** An export's second pass: the same page as `exportDigests` gave, with every version's content. */
  async exportArtifacts(
    workspaceId: string,
    after: number,
    snapshot: ExportSnapshot,
    artifactIds?: string[],
  ): Promise<Validated<ExportPage>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    return { ok: true, value: store.exportArtifacts(after, EXPORT_PAGE_CHARS, snapshot, artifactIds) };
  }

  /** A page of the messages for an export, oldest first (at most 500, or about 8 MiB). */
  async exportMessages(workspaceId: string, cursor?: string): Promise<Validated<Page<Message>>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    return store.pageMessages({ cursor, limit: MAX_PAGE });
  }

  /**
   * Writes a whole imported session (archive-import.ts) into this one, which must be empty: in one transaction,
   * so a write that fails leaves nothing. The import's digest is stored with it, so the same import again (a
   * retry after a failure that came after the write) answers what it wrote and writes nothing. Nobody is
   * connected to a session this new, so nobody is told.
   */
  async importArchive(
    workspaceId: string,
    payload: SessionImport,
    digest: string,
  ): Promise<Validated<ImportCounts>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    const { messageCount, artifactCount } = store.activity();
    if (messageCount > 0 || artifactCount > 0) {
      const earlier = store.archiveImport(digest);
      if (earlier) return { ok: true, value: earlier };
      return { ok: false, error: { code: "conflict", message: "an import goes into an empty session" } };
    }
    const start = Date.now();
    try {
      const counts = store.transaction(() => {
        const counts = writeImport(store, payload);
        store.rememberArchiveImport(digest, counts);
        return counts;
      });
      log({
        event: "import.session",
        session: this.sessionId,
        workspace: workspaceId,
        count: counts.artifacts,
        ms: since(start),
      });
      // The workspace indexes it all before the import goes on (its collections name these artifacts).
      await this.outbox?.drain();
      return { ok: true, value: counts };
    } catch (error) {
      log({
        event: "import.failed",
        session: this.sessionId,
        workspace: workspaceId,
        error: errorText(error),
      });
      return { ok: false, error: { code: "internal", message: SESSION_NOT_STORED } };
    }
  }

  /**
   * Retention's batch (the workspace's alarm asks): deletes up to `limit` artifacts not in `keep`, and up to
   * `limit` messages, in one transaction; every socket hears of the artifacts deleted. Answers whether more is
   * left to delete, and how many artifacts are kept.
   */
  async prune(
    workspaceId: string,
    keep: string[],
    limit: number,
  ): Promise<Validated<{ deleted: number; more: boolean; kept: number }>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    const { deleted, messages, more, kept } = store.transaction(() => store.prune(keep, limit));
    for (const artifactId of deleted) this.broadcast({ type: "artifact_deleted", artifactId });
    return { ok: true, value: { deleted: deleted.length + messages, more, kept } };
  }

  /**
   * An assistant answer written elsewhere: stored with an artifact per code block (stored-answer.ts), all in one
   * transaction. The answer is bounded whatever the answer holds (a 1 MiB answer of empty blocks is 131,072
   * artifacts, 39 MB as JSON, past workerd's 32 MiB for an RPC value): its message, the first page of its
   * artifacts, their count and the cursor of the rest (answer-page.ts). Under an Idempotency-Key, a retry answers
   * the first response again and stores nothing (idempotent-answers.ts).
   */
  async importMessage(
    workspaceId: string,
    request: ImportMessageRequest,
    idempotency?: Idempotency,
  ): Promise<Validated<ImportMessageResponse>> {
    return this.serve(workspaceId, (store) => {
      const answers = new IdempotentAnswers(this.ctx.storage.sql, store);
      const earlier = idempotency && answers.replay(idempotency);
      if (earlier) return earlier;
      const { content } = request;
      const start = Date.now();
      const { response, saved } = store.transaction(() => {
        const { message, saved } = storeAnswer(store, content);
        const response = answerPage(store, message, saved);
        if (idempotency) answers.remember(idempotency, response);
        return { response, saved };
      });
      const { message } = response;
      log({
        event: "import.answer",
        session: this.sessionId,
        workspace: workspaceId,
        message: message.id,
        count: saved.length,
        bytes: bytesOf(content),
        ms: since(start),
      });
      this.broadcast({ type: "message", message });
      saved.forEach(({ artifact, revised }, index) => {
        this.broadcast(
          revised
            ? { type: "artifact_updated", artifact, messageId: message.id, index }
            : { type: "artifact_created", artifact },
        );
      });
      return { ok: true, value: response };
    });
  }

  /**
   * The store, when the session exists and belongs to the workspace asking. A session made before workspaces
   * has no owner: the first workspace that opens it adopts it (and is told of everything in it).
   */
  private storeFor(workspaceId: string | null): SessionStore | null {
    const store = this.store;
    if (!store || workspaceId === null) return null;
    const owner = store.owner();
    if (owner === null) store.setOwner(workspaceId);
    else if (owner !== workspaceId) return null;
    return store;
  }

  /** Runs a REST operation on an existing session of the asking workspace, within the REST budget. */
  private serve<T>(workspaceId: string, operation: (store: SessionStore) => Validated<T>): Validated<T> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NOT_FOUND };
    if (!this.bucket.take()) {
      const seconds = this.bucket.retryAfterSeconds();
      return {
        ok: false,
        error: { code: "rate_limited", message: `too many requests; retry in ${seconds} s` },
      };
    }
    return operation(store);
  }

  /**
   * The one path of an artifact change, whichever caller asked: one transaction (a new version, the old one
   * kept), then every socket hears. A stale `baseVersion` changes nothing and answers `conflict`.
   */
  private applyUpdate(
    store: SessionStore,
    artifactId: string,
    updates: ArtifactUpdates,
    change: VersionChange,
    baseVersion?: number,
    origin?: WebSocket,
    echo: Echo = {},
  ): Validated<Artifact> {
    const start = Date.now();
    const result = store.transaction((): Validated<Artifact> => {
      const current = store.getArtifact(artifactId);
      if (!current) return { ok: false, error: noSuchArtifact(echo) };
      if (baseVersion !== undefined && baseVersion !== current.version) {
        return {
          ok: false,
          error: {
            code: "conflict",
            message: `the artifact is at version ${current.version}, not ${baseVersion}: review the difference first`,
            currentVersion: current.version,
            ...echo,
          },
        };
      }
      const artifact = store.updateArtifact(artifactId, updates, change);
      return artifact ? { ok: true, value: artifact } : { ok: false, error: noSuchArtifact(echo) };
    });
    if (result.ok) {
      const { id, title, type, version, content } = result.value;
      log({
        event: change.source === "restore" ? "artifact.restored" : "artifact.updated",
        session: this.sessionId,
        artifact: id,
        title,
        type,
        version,
        bytes: bytesOf(content),
        ms: since(start),
      });
      this.broadcast({ type: "artifact_updated", artifact: result.value }, origin, echo);
      if (change.source === "edit") this.countEdit(store, artifactId);
    }
    return result;
  }

  /** Tells the workspace's usage stats of an edit; best effort, and nobody waits for it. */
  private countEdit(store: SessionStore, artifactId: string): void {
    const owner = store.owner();
    if (!owner) return;
    const counted = this.env.WORKSPACE.getByName(owner).countUsage([
      { sessionId: this.sessionId, artifactId, kind: "edit" },
    ]);
    this.ctx.waitUntil(counted.catch(() => {}));
  }

  /** Makes an older version current again, as a new version (nothing is overwritten). */
  private applyRestore(
    store: SessionStore,
    artifactId: string,
    version: number,
    origin?: WebSocket,
    echo: Echo = {},
  ): Validated<Artifact> {
    const old = versionOf(store, artifactId, version, echo);
    if (!old.ok) return old;
    const { title, description, type, content, language, metadata } = old.value;
    return this.applyUpdate(
      store,
      artifactId,
      { title, description, type, content, language, metadata },
      { source: "restore", restoredFrom: version },
      undefined,
      origin,
      echo,
    );
  }

  private applyDelete(
    store: SessionStore,
    artifactId: string,
    origin?: WebSocket,
    echo: Echo = {},
  ): Validated<null> {
    const start = Date.now();
    if (!store.transaction(() => store.deleteArtifact(artifactId))) {
      return { ok: false, error: noSuchArtifact(echo) };
    }
    log({ event: "artifact.deleted", session: this.sessionId, artifact: artifactId, ms: since(start) });
    this.broadcast({ type: "artifact_deleted", artifactId }, origin, echo);
    return { ok: true, value: null };
  }

  /**
   * The session's messages, with the one being answered as it stands in memory: SQLite holds its last
   * checkpoint, so a listing plus the deltas that follow it adds up to the answer.
   */
  private liveMessages(store: SessionStore, query: PageQuery): Validated<Page<Message>> {
    const page = store.pageMessages(query);
    const live = this.generation?.snapshot();
    if (!page.ok || !live) return page;
    const items = page.value.items.map((message) => (message.id === live.id ? live : message));
    return { ok: true, value: { ...page.value, items } };
  }

  /** WebSocket upgrades, already authenticated by the Worker, which names the workspace asking. */
  override async fetch(request: Request): Promise<Response> {
    if (!this.storeFor(request.headers.get(WORKSPACE_HEADER))) {
      return errorResponse("not_found", NOT_FOUND.message);
    }
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return errorResponse("invalid_message", "expected a WebSocket upgrade", 426);
    }
    if (this.connected.size >= this.sockets.limit.maxSockets) {
      return errorResponse(
        "rate_limited",
        `a session takes at most ${this.sockets.limit.maxSockets} connections at once`,
      );
    }
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.connected.add(server);
    server.addEventListener("message", (event) => this.receive(server, event.data));
    server.addEventListener("close", () => this.disconnect(server));
    server.addEventListener("error", () => this.disconnect(server));
    // A socket that joins mid-answer gets the answer and its open blocks so far, then the live deltas.
    if (this.generation) for (const frame of this.generation.joinFrames()) send(server, frame);
    return new Response(null, { status: 101, webSocket: client });
  }

  private receive(socket: WebSocket, raw: string | ArrayBuffer): void {
    // Over budget, a frame is dropped before it is even parsed, so a flood costs next to nothing.
    const verdict = this.sockets.admit(socket);
    if (verdict === "close") {
      socket.close(1008, "too many frames");
      return;
    }
    if (verdict !== "accept") {
      if (verdict === "drop_and_tell") {
        sendError(socket, {
          code: "rate_limited",
          message: `too many frames; frames are dropped for ${this.sockets.retryAfterSeconds(socket)} s`,
        });
      }
      return;
    }
    // A keep-alive, answered as cheaply as it came.
    if (raw === "ping") return send(socket, "pong");
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) return sendError(socket, parsed.error);
    const echo = requestIdOf(parsed.frame);
    if (!this.store) return sendError(socket, { ...NOT_FOUND, ...echo });
    try {
      this.handleFrame(socket, parsed.frame, this.store, echo);
    } catch (error) {
      log({
        event: "frame.failed",
        session: this.sessionId,
        type: parsed.frame.type,
        error: errorText(error),
      });
      sendError(socket, { code: "internal", message: "the request failed", ...echo });
    }
  }

  private disconnect(socket: WebSocket): void {
    this.connected.delete(socket);
    this.sockets.forget(socket);
    try {
      socket.close(1000, "closed");
    } catch {
      // Already closed: nothing to do.
    }
  }

  private handleFrame(socket: WebSocket, frame: ClientFrame, store: SessionStore, echo: Echo): void {
    switch (frame.type) {
      case "chat":
        return this.startChat(socket, frame.content, store, echo);
      case "get_messages": {
        const { cursor, limit } = frame;
        const page = this.liveMessages(store, { cursor, limit });
        if (!page.ok) return sendError(socket, { ...page.error, ...echo });
        const { items: messages, nextCursor } = page.value;
        return send(socket, { type: "messages", messages, ...cursorOf(cursor), nextCursor, ...echo });
      }
      case "get_artifacts": {
        if (frame.sessionId !== store.sessionId) {
          return sendError(socket, { code: "forbidden", message: "that is another session", ...echo });
        }
        const { messageId, cursor, limit, order } = frame;
        const page = store.pageArtifacts({ messageId, cursor, limit, order });
        if (!page.ok) return sendError(socket, { ...page.error, ...echo });
        const { items: artifacts, nextCursor } = page.value;
        const filter = messageId === undefined ? {} : { messageId };
        return send(socket, {
          type: "artifacts",
          sessionId: store.sessionId,
          ...filter,
          artifacts,
          ...cursorOf(cursor),
          nextCursor,
          ...echo,
        });
      }
      case "search_artifacts": {
        const { query, artifactType, language, since, until, cursor, limit } = frame;
        const found = store.searchArtifacts(query, {
          type: artifactType,
          language,
          since,
          until,
          cursor,
          limit,
        });
        if (!found.ok) return sendError(socket, { ...found.error, ...echo });
        const { items: results, nextCursor } = found.value;
        return send(socket, {
          type: "search_results",
          query,
          results,
          ...cursorOf(cursor),
          nextCursor,
          ...echo,
        });
      }
      case "update_artifact": {
        const { artifactId, updates, baseVersion } = frame;
        const result = this.applyUpdate(
          store,
          artifactId,
          updates,
          { source: "edit" },
          baseVersion,
          socket,
          echo,
        );
        if (!result.ok) sendError(socket, result.error);
        return;
      }
      case "get_versions": {
        const versions = store.listVersions(frame.artifactId);
        if (!versions) return sendError(socket, noSuchArtifact(echo));
        return send(socket, { type: "versions", artifactId: frame.artifactId, versions, ...echo });
      }
      case "get_version": {
        const version = versionOf(store, frame.artifactId, frame.version, echo);
        if (!version.ok) return sendError(socket, version.error);
        return send(socket, { type: "version", version: version.value, ...echo });
      }
      case "restore_version": {
        const result = this.applyRestore(store, frame.artifactId, frame.version, socket, echo);
        if (!result.ok) sendError(socket, result.error);
        return;
      }
      case "delete_artifact": {
        const result = this.applyDelete(store, frame.artifactId, socket, echo);
        if (!result.ok) sendError(socket, result.error);
        return;
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

  private startChat(socket: WebSocket, content: string, store: SessionStore, echo: Echo): void {
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
    const history = modelHistory(store.newestMessages(), SYSTEM_PROMPT);
    const generation = new Generation({
      store,
      model,
      history,
      broadcast: (frame) => this.broadcast(frame),
      idleTimeoutMs: variablesOf(this.env).MODEL_IDLE_TIMEOUT_MS ?? DEFAULT_IDLE_TIMEOUT_MS,
    });
    this.generation = generation;
    const running = generation.run().finally(() => {
      if (this.generation === generation) this.generation = null;
    });
    this.ctx.waitUntil(running);
  }

  /** Sends a frame to every socket of the session; the socket that asked gets it with its requestId. */
  private broadcast(frame: ServerFrame, origin?: WebSocket, echo: Echo = {}): void {
    for (const socket of this.connected) send(socket, socket === origin ? { ...frame, ...echo } : frame);
  }
}

const encoder = new TextEncoder();

async function describedVersion({
  artifactId: _,
  content,
  ...fields
}: ArtifactVersion): Promise<DescribedVersion> {
  const bytes = encoder.encode(content);
  return { ...fields, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}

function versionOf(
  store: SessionStore,
  artifactId: string,
  version: number,
  echo: Echo = {},
): Validated<ArtifactVersion> {
  const found = store.getVersion(artifactId, version);
  if (found) return { ok: true, value: found };
  if (!store.getArtifact(artifactId)) return { ok: false, error: noSuchArtifact(echo) };
  return {
    ok: false,
    error: { code: "not_found", message: `the artifact has no version ${version}`, ...echo },
  };
}

function noSuchArtifact(echo: Echo = {}): ProtocolError {
  return { code: "not_found", message: "no such artifact", ...echo };
}

/** A page frame names the cursor it answers, so a client tells its pages apart. */
function cursorOf(cursor: string | undefined): { cursor?: string } {
  return cursor === undefined ? {} : { cursor };
}

function requestIdOf(frame: ClientFrame): Echo {
  return frame.requestId === undefined ? {} : { requestId: frame.requestId };
}

function send(socket: WebSocket, frame: ServerFrame | "pong"): void {
  try {
    socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  } catch {
    // The socket closed meanwhile; its close handler cleans up.
  }
}

function sendError(socket: WebSocket, error: ProtocolError): void {
  send(socket, { type: "error", ...error });
}
