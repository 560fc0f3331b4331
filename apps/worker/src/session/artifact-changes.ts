/**
 * Every change to the session's artifacts made by a caller rather than by an answer: an edit, a restore, a delete,
 * copies from a share link, retention's batch. Each writes in one transaction and then every socket hears; the
 * REST call and the socket frame that ask for the same change reach the same method.
 */
import type { Artifact, ArtifactUpdates, Validated } from "@folio/protocol";
import type { Env } from "../env.js";
import { bytesOf, log, since } from "../observability/log.js";
import type { VersionChange } from "./artifact-versions.js";
import type { NewArtifact } from "./artifacts.js";
import { noSuchArtifact, versionOf } from "./lookups.js";
import type { Broadcast, Echo } from "./replies.js";
import type { SessionStore } from "./store.js";

export interface ArtifactChangesOptions {
  env: Env;
  ctx: DurableObjectState;
  broadcast: Broadcast;
}

export class ArtifactChanges {
  constructor(private readonly options: ArtifactChangesOptions) {}

  /**
   * The one path of an artifact change, whichever caller asked: one transaction (a new version, the old one
   * kept), then every socket hears. A stale `baseVersion` changes nothing and answers `conflict`.
   */
  update(
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
      const current = store.artifacts.get(artifactId);
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
      const artifact = store.artifacts.update(artifactId, updates, change);
      return artifact ? { ok: true, value: artifact } : { ok: false, error: noSuchArtifact(echo) };
    });
    if (result.ok) {
      const { id, title, type, version, content } = result.value;
      log({
        event: change.source === "restore" ? "artifact.restored" : "artifact.updated",
        session: store.sessionId,
        artifact: id,
        title,
        type,
        version,
        bytes: bytesOf(content),
        ms: since(start),
      });
      this.options.broadcast({ type: "artifact_updated", artifact: result.value }, origin, echo);
      if (change.source === "edit") this.countEdit(store, artifactId);
    }
    return result;
  }

  /** Makes an older version current again, as a new version (nothing is overwritten). */
  restore(
    store: SessionStore,
    artifactId: string,
    version: number,
    origin?: WebSocket,
    echo: Echo = {},
  ): Validated<Artifact> {
    const old = versionOf(store, artifactId, version, echo);
    if (!old.ok) return old;
    const { title, description, type, content, language, metadata } = old.value;
    return this.update(
      store,
      artifactId,
      { title, description, type, content, language, metadata },
      { source: "restore", restoredFrom: version },
      undefined,
      origin,
      echo,
    );
  }

  delete(store: SessionStore, artifactId: string, origin?: WebSocket, echo: Echo = {}): Validated<null> {
    const start = Date.now();
    if (!store.transaction(() => store.artifacts.delete(artifactId))) {
      return { ok: false, error: noSuchArtifact(echo) };
    }
    log({ event: "artifact.deleted", session: store.sessionId, artifact: artifactId, ms: since(start) });
    this.options.broadcast({ type: "artifact_deleted", artifactId }, origin, echo);
    return { ok: true, value: null };
  }

  /** Stores copies of artifacts from elsewhere (a share link's), each new, in order; no message made them. */
  copy(store: SessionStore, workspaceId: string, artifacts: NewArtifact[]): Validated<Artifact[]> {
    const start = Date.now();
    const copies = store.transaction(() => store.artifacts.insertMany(artifacts));
    log({
      event: "artifact.copied",
      session: store.sessionId,
      workspace: workspaceId,
      count: copies.length,
      bytes: copies.reduce((sum, { content }) => sum + bytesOf(content), 0),
      ms: since(start),
    });
    for (const artifact of copies) this.options.broadcast({ type: "artifact_created", artifact });
    return { ok: true, value: copies };
  }

  /**
   * Retention's batch: deletes up to `limit` artifacts not in `keep`, and up to `limit` messages, in one
   * transaction; every socket hears of the artifacts deleted.
   */
  prune(
    store: SessionStore,
    keep: string[],
    limit: number,
  ): { deleted: number; more: boolean; kept: number } {
    const { deleted, messages, more, kept } = store.transaction(() => store.prune(keep, limit));
    for (const artifactId of deleted) this.options.broadcast({ type: "artifact_deleted", artifactId });
    return { deleted: deleted.length + messages, more, kept };
  }

  /** Tells the workspace's usage stats of an edit; best effort, and nobody waits for it. */
  private countEdit(store: SessionStore, artifactId: string): void {
    const owner = store.owner();
    if (!owner) return;
    const counted = this.options.env.WORKSPACE.getByName(owner).countUsage([
      { sessionId: store.sessionId, artifactId, kind: "edit" },
    ]);
    this.options.ctx.waitUntil(counted.catch(() => {}));
  }
}
