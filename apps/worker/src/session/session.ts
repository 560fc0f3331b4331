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
 *
 * The class holds the RPC surface; the work is in connections.ts (its sockets), frames.ts (what a socket sends),
 * answers.ts (the answer being generated, and imported ones) and artifact-changes.ts (every other change to the
 * artifacts).
 */

import { DurableObject } from "cloudflare:workers";
import type {
  Artifact,
  ArtifactsQuery,
  ArtifactUpdates,
  ArtifactVersion,
  ImportMessageRequest,
  ImportMessageResponse,
  Message,
  MessagesQuery,
  SearchResult,
  Validated,
  VersionDiff,
} from "@folio/protocol";
import { MAX_PAGE } from "@folio/protocol";
import type { Env } from "../env.js";
import { errorResponse } from "../http/responses.js";
import type { Idempotency } from "../idempotency/key.js";
import { log } from "../observability/log.js";
import type { Page, PageQuery } from "../paging/page.js";
import { isCreated, migrate } from "../sqlite/migrate.js";
import { Answers } from "./answers.js";
import { type ImportCounts, importSession, type SessionImport } from "./archive-import.js";
import { ArtifactChanges } from "./artifact-changes.js";
import type { NewArtifact } from "./artifacts.js";
import { Connections } from "./connections.js";
import {
  contentPage,
  type DigestPage,
  digestPage,
  type ExportPage,
  type ExportSnapshot,
} from "./export-pages.js";
import { Frames } from "./frames.js";
import { IndexOutbox } from "./index-outbox.js";
import { artifactOf, diffOf, NO_SUCH_SESSION, versionOf, versionsOf, withVersions } from "./lookups.js";
import { MIGRATIONS } from "./migrations.js";
import { rateLimitFrom, TokenBucket } from "./rate-limit.js";
import type { Broadcast } from "./replies.js";
import { SocketBudgets, socketLimitFrom } from "./socket-budget.js";
import { SessionStore } from "./store.js";

/** The header by which the Worker tells the object, on a socket upgrade, which workspace is asking. */
export const WORKSPACE_HEADER = "folio-workspace";

export class Session extends DurableObject<Env> {
  /** Null until the session is created: an id nobody issued stores nothing. */
  private store: SessionStore | null = null;
  private outbox: IndexOutbox | null = null;
  /** REST calls' budget. In memory only: an object that restarted has been idle anyway. */
  private readonly bucket: TokenBucket;
  private readonly connections: Connections;
  private readonly answers: Answers;
  private readonly changes: ArtifactChanges;
  private readonly frames: Frames;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.bucket = new TokenBucket(rateLimitFrom(env));
    const sockets = new SocketBudgets(rateLimitFrom(env), socketLimitFrom(env));
    this.connections = new Connections({
      sockets,
      receive: (socket, raw) => this.frames.receive(socket, raw),
      joinFrames: () => this.answers.joinFrames(),
    });
    const broadcast: Broadcast = (frame, origin, echo) => this.connections.broadcast(frame, origin, echo);
    this.answers = new Answers({ env, ctx, broadcast });
    this.changes = new ArtifactChanges({ env, ctx, broadcast });
    this.frames = new Frames({
      store: () => this.store,
      sockets,
      answers: this.answers,
      changes: this.changes,
    });
    ctx.blockConcurrencyWhile(async () => {
      if (!isCreated(ctx.storage)) return;
      const store = this.open();
      // An answer still marked streaming was cut off when the object stopped: keep it, marked as failed.
      const cut = store.messages.markInterrupted();
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
    return this.serve(workspaceId, (store) => this.changes.copy(store, workspaceId, artifacts));
  }

  /**
   * Reports every artifact to the workspace again (a repair of its index), once delivered; answers how many.
   */
  async reindex(workspaceId: string): Promise<number> {
    const store = this.store;
    if (!store || store.owner() !== workspaceId) return 0;
    const count = store.transaction(() => store.marks.markAll());
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
    store.transaction(() => store.marks.markMissing(artifactIds));
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
    if (!store || store.owner() !== workspaceId) return { ok: false, error: NO_SUCH_SESSION };
    this.outbox?.stop();
    this.answers.stop();
    this.connections.closeAll("the session was deleted");
    this.store = null;
    this.outbox = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    return { ok: true, value: null };
  }

  /** A page of the messages, oldest first. */
  async listMessages(workspaceId: string, query: MessagesQuery = {}): Promise<Validated<Page<Message>>> {
    return this.serve(workspaceId, (store) => this.answers.liveMessages(store, query));
  }

  /** A page of the artifacts, oldest first; with `q`, use searchArtifacts. */
  async listArtifacts(
    workspaceId: string,
    query: Omit<ArtifactsQuery, "q"> = {},
  ): Promise<Validated<Page<Artifact>>> {
    return this.serve(workspaceId, (store) => store.artifacts.page(query));
  }

  /** A ranked full-text search of the artifacts, best first. */
  async searchArtifacts(
    workspaceId: string,
    text: string,
    query: Omit<ArtifactsQuery, "q"> = {},
  ): Promise<Validated<Page<SearchResult>>> {
    return this.serve(workspaceId, (store) => store.artifacts.search(text, query));
  }

  async getArtifact(workspaceId: string, artifactId: string): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) => artifactOf(store, artifactId));
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
    return store ? withVersions(store, artifactId) : { ok: false, error: NO_SUCH_SESSION };
  }

  /** A page of the messages for a share link, oldest first (see sharedArtifact). */
  async sharedMessages(workspaceId: string, query: PageQuery): Promise<Validated<Page<Message>>> {
    const store = this.storeFor(workspaceId);
    return store ? this.answers.liveMessages(store, query) : { ok: false, error: NO_SUCH_SESSION };
  }

  /** A page of the artifacts for a share link, oldest first (see sharedArtifact). */
  async sharedArtifacts(workspaceId: string, query: PageQuery): Promise<Validated<Page<Artifact>>> {
    const store = this.storeFor(workspaceId);
    return store ? store.artifacts.page(query) : { ok: false, error: NO_SUCH_SESSION };
  }

  /** `baseVersion`, when given, must be the current version, or the edit is refused with `conflict`. */
  async updateArtifact(
    workspaceId: string,
    artifactId: string,
    updates: ArtifactUpdates,
    baseVersion?: number,
  ): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) =>
      this.changes.update(store, artifactId, updates, { source: "edit" }, baseVersion),
    );
  }

  async listVersions(workspaceId: string, artifactId: string): Promise<Validated<ArtifactVersion[]>> {
    return this.serve(workspaceId, (store) => versionsOf(store, artifactId));
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
    return this.serve(workspaceId, (store) => diffOf(store, artifactId, from, to));
  }

  async restoreVersion(
    workspaceId: string,
    artifactId: string,
    version: number,
  ): Promise<Validated<Artifact>> {
    return this.serve(workspaceId, (store) => this.changes.restore(store, artifactId, version));
  }

  async deleteArtifact(workspaceId: string, artifactId: string): Promise<Validated<null>> {
    return this.serve(workspaceId, (store) => this.changes.delete(store, artifactId));
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
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    return { ok: true, value: await digestPage(store, after, snapshot, artifactIds) };
  }

  /** An export's second pass: the same page as `exportDigests` gave, with every version's content. */
  async exportArtifacts(
    workspaceId: string,
    after: number,
    snapshot: ExportSnapshot,
    artifactIds?: string[],
  ): Promise<Validated<ExportPage>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    return { ok: true, value: contentPage(store, after, snapshot, artifactIds) };
  }

  /** A page of the messages for an export, oldest first (at most 500, or about 8 MiB). */
  async exportMessages(workspaceId: string, cursor?: string): Promise<Validated<Page<Message>>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    return store.messages.page({ cursor, limit: MAX_PAGE });
  }

  /**
   * Writes a whole imported session (archive-import.ts) into this one, which must be empty, in one transaction;
   * the same import again answers what it wrote. The workspace has heard of all of it when this answers.
   */
  async importArchive(
    workspaceId: string,
    payload: SessionImport,
    digest: string,
  ): Promise<Validated<ImportCounts>> {
    const store = this.storeFor(workspaceId);
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    return importSession(store, workspaceId, payload, digest, async () => await this.outbox?.drain());
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
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    return { ok: true, value: this.changes.prune(store, keep, limit) };
  }

  /**
   * An assistant answer written elsewhere, stored with an artifact per code block and answered as a bounded page
   * (answers.ts); under an Idempotency-Key, a retry answers the first response again and stores nothing.
   */
  async importMessage(
    workspaceId: string,
    request: ImportMessageRequest,
    idempotency?: Idempotency,
  ): Promise<Validated<ImportMessageResponse>> {
    return this.serve(workspaceId, (store) =>
      this.answers.importAnswer(store, workspaceId, request, idempotency),
    );
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
    if (!store) return { ok: false, error: NO_SUCH_SESSION };
    if (!this.bucket.take()) {
      const seconds = this.bucket.retryAfterSeconds();
      return {
        ok: false,
        error: { code: "rate_limited", message: `too many requests; retry in ${seconds} s` },
      };
    }
    return operation(store);
  }

  /** WebSocket upgrades, already authenticated by the Worker, which names the workspace asking. */
  override async fetch(request: Request): Promise<Response> {
    if (!this.storeFor(request.headers.get(WORKSPACE_HEADER))) {
      return errorResponse("not_found", NO_SUCH_SESSION.message);
    }
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return errorResponse("invalid_message", "expected a WebSocket upgrade", 426);
    }
    return this.connections.accept();
  }
}
