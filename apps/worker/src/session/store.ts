/**
 * The session's SQLite database: each table has a module that holds its statements (messages.ts, artifacts.ts,
 * artifact-versions.ts, the outbox's marks in index-outbox.ts); here are the session's owner, the summary the
 * workspace lists it by, and retention's deletes across tables. Each logical write is one transaction, and also
 * marks what changed in the index outbox, in that transaction.
 */
import type { SessionActivity } from "../session-report.js";
import { ArtifactVersions } from "./artifact-versions.js";
import { Artifacts } from "./artifacts.js";
import { OutboxMarks } from "./index-outbox.js";
import { Messages } from "./messages.js";

export class SessionStore {
  /** For the modules whose tables are theirs alone (archive-import.ts), and an export's reads (export-pages.ts). */
  readonly sql: SqlStorage;
  readonly marks: OutboxMarks;
  readonly messages: Messages;
  readonly versions: ArtifactVersions;
  readonly artifacts: Artifacts;

  /** `onChange` starts delivering what a write marked in the outbox. */
  constructor(
    private readonly storage: DurableObjectStorage,
    readonly sessionId: string,
    onChange: () => void = () => {},
  ) {
    this.sql = storage.sql;
    this.marks = new OutboxMarks(this.sql, sessionId, onChange);
    this.messages = new Messages(this.sql, sessionId, this.marks);
    this.versions = new ArtifactVersions(this.sql, sessionId);
    this.artifacts = new Artifacts(this.sql, sessionId, this.marks, this.versions);
  }

  /** Runs `write` as one transaction: all of it is stored, or none. */
  transaction<T>(write: () => T): T {
    return this.storage.transactionSync(write);
  }

  /** The workspace that owns the session; null for a session made before workspaces, until one adopts it. */
  owner(): string | null {
    return (
      this.sql.exec<{ workspace_id: string }>("SELECT workspace_id FROM session_owner").toArray()[0]
        ?.workspace_id ?? null
    );
  }

  /** Gives the session to a workspace, which is then told of everything in it. */
  setOwner(workspaceId: string): void {
    this.transaction(() => {
      this.sql.exec("DELETE FROM session_owner");
      this.sql.exec(
        "INSERT INTO session_owner (workspace_id, adopted_at) VALUES (?, ?)",
        workspaceId,
        Date.now(),
      );
      this.marks.markAll();
    });
  }

  /** The summary the workspace lists the session by (its reports add the latest artifact change). */
  activity(): SessionActivity {
    const messages = this.messages.summary();
    // Counted from the session's index alone; the artifacts' part of the last activity is added by the report,
    // from the changes it carries (index-outbox.ts).
    const artifactCount = this.artifacts.count();
    const owned = this.sql
      .exec<{ adopted_at: number }>("SELECT adopted_at FROM session_owner")
      .toArray()[0]?.adopted_at;
    const createdAt = Math.min(messages.first ?? Infinity, owned ?? Infinity);
    return {
      createdAt: Number.isFinite(createdAt) ? createdAt : Date.now(),
      lastActivityAt: Math.max(messages.last ?? 0, owned ?? 0),
      messageCount: messages.count,
      artifactCount,
      gist: messages.gist,
    };
  }

  /**
   * Retention: deletes up to `limit` artifacts not in `keep` (with their versions) and up to `limit` messages
   * (never an answer still streaming). Answers the artifacts deleted, how many messages were deleted, whether more
   * are left to delete, and how many artifacts are kept.
   */
  prune(
    keep: readonly string[],
    limit: number,
  ): { deleted: string[]; messages: number; more: boolean; kept: number } {
    // One row past the batch says whether more are left, without counting what is left at every batch.
    const doomed = this.artifacts.prunable(keep, limit + 1);
    const messages = this.messages.prunable(limit + 1);
    const artifacts = doomed.slice(0, limit);
    for (const id of artifacts) this.artifacts.delete(id);
    const gone = messages.slice(0, limit);
    this.messages.delete(gone);
    return {
      deleted: artifacts,
      messages: gone.length,
      more: doomed.length > limit || messages.length > limit,
      kept: this.artifacts.countOf(keep),
    };
  }
}
