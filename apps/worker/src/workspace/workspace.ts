/**
 * The Workspace Durable Object: one person's (or team's) sessions, the index of all their artifacts and the
 * credentials that open them, in its own SQLite database. The Worker reaches it by typed RPC after reading the
 * request; sessions report their changes to it through their outboxes; `fetch` serves only its WebSocket, on
 * which every tab hears the session list change.
 *
 * Its socket uses the hibernation API: the frames are few (one per session change), and an idle workspace
 * with tabs open then costs nothing.
 */
import { DurableObject } from "cloudflare:workers";
import type {
  ApiToken,
  Artifact,
  ArtifactUsage,
  Collection,
  CreateCollectionRequest,
  CreateShareRequest,
  Device,
  ExportQuery,
  ImportSummary,
  SearchResult,
  SessionSummary,
  SessionsQuery,
  Share,
  UpdateCollectionRequest,
  UpdateSettingsRequest,
  UsageKind,
  Validated,
  WorkspaceArtifactsQuery,
  WorkspaceFrame,
  WorkspaceSettings,
  WorkspaceStats,
} from "@folio/protocol";
import type { Env } from "../env.js";
import type { Idempotency } from "../idempotency/key.js";
import { type Begun, SealedResults } from "../idempotency/sealed-results.js";
import type { Page } from "../paging/page.js";
import { rateLimitFrom } from "../session/rate-limit.js";
import type { SessionReport } from "../session-report.js";
import { isCreated, migrate } from "../sqlite/migrate.js";
import { Archive, type ExportPlan, type ImportReservation } from "./archive.js";
import { Collections } from "./collections.js";
import { Credentials, type IssuedCredential } from "./credentials.js";
import { MIGRATIONS } from "./migrations.js";
import {
  defaultRetentionDays,
  RETENTION_AGAIN_MS,
  RETENTION_BATCH,
  RETENTION_IDLE_MS,
  Retention,
} from "./retention.js";
import { ShareBudgets } from "./share-budgets.js";
import { Shares } from "./shares.js";
import { Usage } from "./usage.js";
import { WorkspaceIndex } from "./workspace-index.js";

const NO_SUCH_SESSION = { code: "not_found", message: "no such session" } as const;
const NO_SUCH_COLLECTION = { code: "not_found", message: "no such collection" } as const;
const NO_SUCH_SHARE = { code: "not_found", message: "no such share link" } as const;

/** A repair shows a session the ids the index holds of it this many at a time. */
const REPAIR_PAGE = 1000;

export class Workspace extends DurableObject<Env> {
  private index: WorkspaceIndex | null = null;
  private credentials: Credentials | null = null;
  private collections: Collections | null = null;
  private shares: Shares | null = null;
  private archive: Archive | null = null;
  private retention: Retention | null = null;
  private usage: Usage | null = null;
  private readonly shareBudgets: ShareBudgets;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.shareBudgets = new ShareBudgets(rateLimitFrom(env));
    ctx.blockConcurrencyWhile(async () => {
      if (!isCreated(ctx.storage)) return;
      this.open();
      await this.scheduleRetention(RETENTION_IDLE_MS);
    });
  }

  private open(): ReturnType<Workspace["opened"]> {
    migrate(this.ctx.storage, MIGRATIONS);
    this.index = new WorkspaceIndex(this.ctx.storage);
    this.credentials = new Credentials(this.ctx.storage);
    this.collections = new Collections(this.ctx.storage);
    this.shares = new Shares(this.ctx.storage);
    this.archive = new Archive(this.ctx.storage);
    this.retention = new Retention(this.ctx.storage);
    this.usage = new Usage(this.ctx.storage);
    return this.opened();
  }

  private get workspaceId(): string {
    const name = this.ctx.id.name;
    if (name === undefined) throw new Error("a Workspace is always reached by name");
    return name;
  }

  /** Makes the workspace exist and issues its first browser credential; the Worker calls it for a new id. */
  async create(): Promise<IssuedCredential> {
    return this.open().credentials.issue("browser");
  }

  /** Makes the workspace exist, issuing nothing (an identity from Cloudflare Access needs no credential). */
  async ensure(): Promise<void> {
    if (!this.index) this.open();
  }

  /** The id of the live credential a secret is, or null. An id nobody issued stores nothing. */
  async authenticate(secret: string): Promise<string | null> {
    return (await this.credentials?.verify(secret)) ?? null;
  }

  async createToken(name: string, idempotency?: Idempotency): Promise<Validated<IssuedCredential>> {
    const { credentials } = this.opened();
    return this.results().once(idempotency, async () => ({
      ok: true,
      value: await credentials.issue("api", name),
    }));
  }

  async listTokens(): Promise<ApiToken[]> {
    return this.opened().credentials.listTokens();
  }

  async revokeToken(id: string): Promise<boolean> {
    return this.opened().credentials.revoke(id, "api");
  }

  /** The browsers signed in; `current` marks the caller's own credential. */
  async listDevices(current: string | null): Promise<Device[]> {
    return this.opened()
      .credentials.listBrowsers()
      .map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        current: row.id === current,
      }));
  }

  /** Signs a browser out: its cookie opens nothing from then on. */
  async revokeDevice(id: string): Promise<boolean> {
    return this.opened().credentials.revoke(id, "browser");
  }

  async createDeviceLink(): Promise<{ secret: string; expiresAt: number }> {
    return this.opened().credentials.createDeviceLink();
  }

  /** Whether a device link would bind a browser; an unknown workspace stores nothing. */
  async isDeviceLink(secret: string): Promise<boolean> {
    return (await this.credentials?.isDeviceLink(secret)) ?? false;
  }

  /** A new browser credential for the browser that confirmed a valid device link, or null. */
  async redeemDeviceLink(secret: string): Promise<IssuedCredential | null> {
    if (!this.credentials || !(await this.credentials.redeemDeviceLink(secret))) return null;
    return this.credentials.issue("browser");
  }

  async addSession(sessionId: string): Promise<SessionSummary> {
    const session = this.opened().index.addSession(sessionId, Date.now());
    this.tell({ type: "session_changed", session });
    return session;
  }

  async getSession(sessionId: string): Promise<Validated<SessionSummary>> {
    const session = this.opened().index.getSession(sessionId);
    return session ? { ok: true, value: session } : { ok: false, error: NO_SUCH_SESSION };
  }

  async renameSession(sessionId: string, title: string): Promise<Validated<SessionSummary>> {
    const session = this.opened().index.renameSession(sessionId, title);
    if (!session) return { ok: false, error: NO_SUCH_SESSION };
    this.tell({ type: "session_changed", session });
    return { ok: true, value: session };
  }

  /** Forgets a session and its index entries (its object deletes its own data); whether it was listed. */
  async removeSession(sessionId: string): Promise<boolean> {
    const { index, collections, shares } = this.opened();
    const affected = collections.holding({ sessionId });
    const listed = index.removeSession(sessionId);
    shares.forget({ sessionId });
    if (listed) this.tell({ type: "session_deleted", sessionId });
    this.tellCollections(affected);
    return listed;
  }

  async listSessions(query: SessionsQuery): Promise<Validated<Page<SessionSummary>>> {
    return this.opened().index.listSessions(query);
  }

  async listArtifacts(query: WorkspaceArtifactsQuery): Promise<Validated<Page<Artifact>>> {
    return this.opened().index.listArtifacts(query);
  }

  /** A ranked full-text search of every artifact of the workspace, best first. */
  async searchArtifacts(
    text: string,
    query: WorkspaceArtifactsQuery,
  ): Promise<Validated<Page<SearchResult>>> {
    return this.opened().index.searchArtifacts(text, query);
  }

  /** A session's report of its changes (from its outbox); idempotent. */
  async report(report: SessionReport): Promise<void> {
    const { index, collections, shares } = this.opened();
    const affected = report.deletes.length > 0 ? collections.holding({ artifactIds: report.deletes }) : [];
    const session = index.applyReport(report);
    if (report.deletes.length > 0) {
      shares.forget({ artifactIds: report.deletes });
      this.usage?.forget(report.deletes);
    }
    if (session) this.tell({ type: "session_changed", session });
    this.tellCollections(affected);
  }

  /**
   * Read your writes: a session's changes reach the index a moment after they are made (its outbox batches
   * them), so when the index lacks an artifact a caller names with its session, that session, if it is this
   * workspace's, is asked to report at once; a caller that could read the artifact over REST finds it here too.
   */
  private async catchUp(artifactIds: readonly string[], sessionId: string | undefined): Promise<void> {
    const { index } = this.opened();
    if (sessionId === undefined || index.holdsAll(artifactIds) || !index.getSession(sessionId)) return;
    await this.env.SESSION.getByName(sessionId).reportNow(this.workspaceId);
  }

  /** A new share link to an artifact or session of the workspace; its secret is answered only here. */
  async createShare(
    target: CreateShareRequest,
    idempotency?: Idempotency,
  ): Promise<Validated<{ share: Share; secret: string }>> {
    return this.results().once(idempotency, () => this.makeShare(target));
  }

  private async makeShare(target: CreateShareRequest): Promise<Validated<{ share: Share; secret: string }>> {
    const { index, shares } = this.opened();
    if (target.kind === "artifact") await this.catchUp([target.artifactId], target.sessionId);
    const title =
      target.kind === "artifact"
        ? index.artifactTitle(target.sessionId, target.artifactId)
        : (index.getSession(target.sessionId)?.title ?? null);
    if (title === null) {
      return { ok: false, error: { code: "not_found", message: `no such ${target.kind}` } };
    }
    return { ok: true, value: await shares.create(target, title) };
  }

  async listShares(): Promise<Share[]> {
    return this.opened().shares.list();
  }

  async revokeShare(id: string): Promise<boolean> {
    return this.opened().shares.revoke(id);
  }

  /**
   * What a share link's secret opens, within the link's own budget for public reads (share-budgets.ts): noted as
   * opened unless `note` is false, `not_found` for a secret of no live link, `rate_limited` when read too often.
   * An unknown workspace stores nothing.
   */
  async openShare(secret: string, note = true): Promise<Validated<Share>> {
    const share = (await this.shares?.open(secret)) ?? null;
    if (!share) return { ok: false, error: NO_SUCH_SHARE };
    const wait = this.shareBudgets.spend(share.id);
    if (wait !== null) {
      return {
        ok: false,
        error: { code: "rate_limited", message: `this link is read too often; retry in ${wait} s` },
      };
    }
    if (!note) return { ok: true, value: share };
    const now = Date.now();
    this.shares?.noteOpened(share.id, now);
    return { ok: true, value: { ...share, lastOpenedAt: now } };
  }

  /** Notes that a link was opened after all (a copy from it was made). */
  async noteShareOpened(id: string): Promise<void> {
    this.shares?.noteOpened(id);
  }

  /** By name; with an artifact, the collections holding it. */
  async listCollections(artifactId?: string): Promise<Collection[]> {
    return this.opened().collections.list(artifactId);
  }

  async getCollection(id: string): Promise<Validated<Collection>> {
    const collection = this.opened().collections.get(id);
    return collection ? { ok: true, value: collection } : { ok: false, error: NO_SUCH_COLLECTION };
  }

  async createCollection(
    request: CreateCollectionRequest,
    idempotency?: Idempotency,
  ): Promise<Validated<Collection>> {
    const { collections } = this.opened();
    return this.results().once(idempotency, async () => this.toldOf(collections.create(request)));
  }

  /**
   * An import (run by the Worker) under an Idempotency-Key: claims the key, or answers as the first import did
   * (sealed-results.ts); `finishImport` stores its summary, `abandonImport` frees the key.
   */
  async beginImport(idempotency: Idempotency): Promise<Begun<ImportSummary>> {
    return this.results().begin<ImportSummary>(idempotency);
  }

  async finishImport(idempotency: Idempotency, summary: ImportSummary): Promise<void> {
    await this.results().finish(idempotency, summary);
  }

  async abandonImport(idempotency: Idempotency): Promise<void> {
    await this.results().abandon(idempotency);
  }

  async updateCollection(id: string, request: UpdateCollectionRequest): Promise<Validated<Collection>> {
    return this.toldOf(this.opened().collections.update(id, request));
  }

  async deleteCollection(id: string): Promise<boolean> {
    const deleted = this.opened().collections.remove(id);
    if (deleted) this.tell({ type: "collection_deleted", collectionId: id });
    return deleted;
  }

  /** `sessionId`, when the caller names it, is asked for an artifact the index has not heard of yet. */
  async addToCollection(id: string, artifactId: string, sessionId?: string): Promise<Validated<Collection>> {
    await this.catchUp([artifactId], sessionId);
    return this.toldOf(this.opened().collections.add(id, artifactId));
  }

  async takeFromCollection(id: string, artifactId: string): Promise<Validated<Collection>> {
    return this.toldOf(this.opened().collections.take(id, artifactId));
  }

  /** What an export of this scope holds (archive.ts). */
  async exportPlan(scope: ExportQuery): Promise<Validated<ExportPlan>> {
    if (scope.artifactId !== undefined) await this.catchUp(scope.artifactId, scope.sessionId);
    return this.opened().archive.plan(scope);
  }

  /** Decides an import of an origin before anything of it is written (archive.ts `reserve`). */
  async reserveImport(
    origin: string,
    digest: string,
    exportedSessionId: string | null,
  ): Promise<ImportReservation> {
    return this.opened().archive.reserve(origin, digest, exportedSessionId);
  }

  /** Remembers what an import brought in, and names the session it became. */
  async recordImport(origin: string, sessionId: string, title: string): Promise<void> {
    this.opened().archive.record(origin, sessionId);
    await this.renameSession(sessionId, title);
  }

  /** A reserved import that failed, its session removed: its origin may be imported afresh. */
  async releaseImport(origin: string, sessionId: string): Promise<void> {
    this.opened().archive.release(origin, sessionId);
  }

  /** An import's collections, merged by name into the workspace's. */
  async importCollections(
    collections: { name: string; description: string | null; artifactIds: string[] }[],
  ): Promise<{ added: number; items: number }> {
    const { added, items, changed } = this.ctx.storage.transactionSync(() =>
      this.opened().archive.addCollections(collections),
    );
    this.tellCollections(changed);
    return { added, items };
  }

  /** Counts usage events of the workspace's own artifacts (usage.ts); answers how many were counted. */
  async countUsage(events: { sessionId: string; artifactId: string; kind: UsageKind }[]): Promise<number> {
    const bySession = Map.groupBy(events, (event) => event.sessionId);
    await Promise.all(
      [...bySession].map(([sessionId, named]) =>
        this.catchUp(
          named.map((event) => event.artifactId),
          sessionId,
        ),
      ),
    );
    return this.opened().usage.count(events);
  }

  async stats(): Promise<WorkspaceStats> {
    return this.opened().usage.stats();
  }

  async artifactUsage(artifactId: string, sessionId?: string): Promise<Validated<ArtifactUsage>> {
    await this.catchUp([artifactId], sessionId);
    const usage = this.opened().usage.of(artifactId);
    return usage
      ? { ok: true, value: usage }
      : { ok: false, error: { code: "not_found", message: "no such artifact" } };
  }

  async getSettings(): Promise<WorkspaceSettings> {
    return this.opened().retention.settings(defaultRetentionDays(this.env));
  }

  /** Chooses the retention (null: keep everything); a retention on starts its alarm soon. */
  async updateSettings(request: UpdateSettingsRequest): Promise<WorkspaceSettings> {
    this.opened().retention.choose(request.retentionDays);
    await this.scheduleRetention(RETENTION_AGAIN_MS);
    return this.getSettings();
  }

  /** Sets the alarm `in` ms from now when retention is on and none is set; deletes it when off. */
  private async scheduleRetention(inMs: number): Promise<void> {
    const { retentionDays } = await this.getSettings();
    if (retentionDays === null) return this.ctx.storage.deleteAlarm();
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > Date.now() + inMs) await this.ctx.storage.setAlarm(Date.now() + inMs);
  }

  /**
   * Retention's batch (retention.ts): up to 20 idle sessions lose up to 500 messages and 500 artifacts each; one
   * left with nothing is deleted. Runs again at once while there is more, else in an hour.
   */
  override async alarm(): Promise<void> {
    const { retention } = this.opened();
    const { retentionDays } = await this.getSettings();
    if (retentionDays === null) return;
    let more = false;
    for (const sessionId of retention.due(retentionDays)) {
      const session = this.env.SESSION.getByName(sessionId);
      const pruned = await session.prune(this.workspaceId, retention.kept(sessionId), RETENTION_BATCH);
      if (!pruned.ok) continue;
      if (pruned.value.more) more = true;
      else if (pruned.value.kept === 0) {
        await session.destroy(this.workspaceId);
        await this.removeSession(sessionId);
      }
    }
    await this.ctx.storage.setAlarm(Date.now() + (more ? RETENTION_AGAIN_MS : RETENTION_IDLE_MS));
  }

  /** Tells every tab of a collection as it now is. */
  private toldOf(result: Validated<Collection>): Validated<Collection> {
    if (result.ok) this.tell({ type: "collection_changed", collection: result.value });
    return result;
  }

  private tellCollections(ids: readonly string[]): void {
    for (const id of ids) {
      const collection = this.collections?.get(id);
      if (collection) this.tell({ type: "collection_changed", collection });
    }
  }

  /**
   * Repairs the index from the sessions themselves, never emptying it: each session is shown the ids the index
   * holds of it, a page at a time, and marks those it no longer has as deleted; then it reports every artifact
   * again. What it reports replaces each entry in place, so the library lists everything throughout. Answers how
   * many sessions and artifacts were reindexed.
   */
  async rebuild(): Promise<{ sessions: number; artifacts: number }> {
    const { index } = this.opened();
    let artifacts = 0;
    const ids = index.sessionIds();
    for (const sessionId of ids) {
      const session = this.env.SESSION.getByName(sessionId);
      for (let page = index.artifactIdsOf(sessionId, "", REPAIR_PAGE); page.length > 0; ) {
        await session.forgetMissing(this.workspaceId, page);
        page = index.artifactIdsOf(sessionId, page.at(-1) as string, REPAIR_PAGE);
      }
      artifacts += await session.reindex(this.workspaceId);
    }
    return { sessions: ids.length, artifacts };
  }

  /** The workspace's socket, already authenticated by the Worker: it only listens. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") socket.send("pong");
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    try {
      socket.close(code === 1005 ? 1000 : code, "closed");
    } catch {
      // Already closed.
    }
  }

  private tell(frame: WorkspaceFrame): void {
    const text = JSON.stringify(frame);
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
      } catch {
        // Closing; its close event cleans up.
      }
    }
  }

  /** The stores of a workspace that exists; the Worker calls the others only after authenticating. */
  /** The first results of requests made under an Idempotency-Key (sealed-results.ts). */
  private results(): SealedResults {
    this.opened();
    return new SealedResults(this.ctx.storage.sql);
  }

  private opened(): {
    index: WorkspaceIndex;
    credentials: Credentials;
    collections: Collections;
    shares: Shares;
    archive: Archive;
    retention: Retention;
    usage: Usage;
  } {
    const { index, credentials, collections, shares, archive, retention, usage } = this;
    if (!index || !credentials || !collections || !shares || !archive || !retention || !usage) {
      throw new Error("the workspace does not exist");
    }
    return { index, credentials, collections, shares, archive, retention, usage };
  }
}
