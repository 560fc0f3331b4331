/** The session's messages and artifacts in its SQLite database; each logical write is one transaction. */
import {
  type Artifact,
  type ArtifactOrder,
  type ArtifactType,
  type ArtifactUpdates,
  type ArtifactVersion,
  DEFAULT_PAGE,
  type Message,
  type MessageRole,
  type MessageStatus,
  type SearchResult,
  type Validated,
  type VersionSource,
} from "@folio/protocol";
import { decodeRowCursor, type Page, takePage } from "../paging/page.js";
import { searchArtifacts } from "../search/search-artifacts.js";
import { SESSION_KEY, type SessionActivity } from "../session-report.js";
import { type ArtifactConditions, artifactConditions, pageArtifactRows } from "../sqlite/artifact-listing.js";
import { ARTIFACT_COLUMNS, type ArtifactRow, insertedValues, toArtifact } from "../sqlite/artifact-rows.js";
import { COMPRESS_MIN_CHARS, compressText, decompressText } from "../sqlite/compressed-text.js";

export interface NewArtifact {
  messageId: string | null;
  title: string;
  description: string | null;
  type: ArtifactType;
  content: string;
  language: string | null;
  metadata: Record<string, unknown>;
}

export interface ArtifactFilter {
  messageId?: string | undefined;
  type?: string | undefined;
  language?: string | undefined;
  /** Bounds of the creation time, inclusive. */
  since?: number | undefined;
  until?: number | undefined;
}

export interface PageQuery {
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** By creation time, oldest first unless asked; or by title. */
export interface OrderQuery {
  order?: ArtifactOrder | undefined;
}

type MessageRow = {
  id: number;
  session_id: string;
  role: string;
  content: string;
  status: string;
  created_at: number;
};

/** Artifacts this small go in batches, of about this many characters of JSON (values are capped at 2 MB). */
const BATCHED_CONTENT_CHARS = 16 * 1024;
const BATCH_CHARS = 512 * 1024;

/** Messages a history read asks for at once (each read only when taken). */
const HISTORY_PAGE = 32;

const MESSAGE_COLUMNS = "id, session_id, role, content, status, created_at";

/** What made an artifact's first version. */
type CreatedBy = "model" | "import";

/** A version as an export holds it (its message id is the export's). */
export type ArchivedVersion = Omit<ArtifactVersion, "artifactId">;

/**
 * What an export reads a session as of: its last artifact row and last kept version's row when it began. Rowids
 * only grow, so artifacts made later, and the versions later edits keep, have rows past these; the export's two
 * passes (archive/export-archive.ts) read the same artifacts and versions whatever is written between them. A
 * delete can free a row to be taken again, which the export finds by comparing its passes.
 */
export interface ExportSnapshot {
  artifactRow: number;
  versionRow: number;
}

/** An artifact as an export reads it: every version, oldest first, the last its state as of the snapshot. */
export interface ArtifactHistory {
  id: string;
  messageId: string | null;
  createdAt: number;
  versions: ArtifactVersion[];
}

/** What makes a new version, beyond its fields. */
export interface VersionChange {
  source: VersionSource;
  messageId?: string;
  restoredFrom?: number;
}

type VersionRow = Pick<
  ArtifactRow,
  | "version"
  | "title"
  | "description"
  | "type"
  | "content"
  | "language"
  | "metadata"
  | "created_at"
  | "message_id"
> & { artifact_id: string; source: string; restored_from: number | null; content_z: ArrayBuffer | null };

const VERSION_COLUMNS =
  "artifact_id, version, title, description, type, content, language, metadata, created_at, source, message_id, restored_from";
/** An earlier version's, with its content as stored (plain, or deflated in `content_z`). */
const STORED_VERSION_COLUMNS = `${VERSION_COLUMNS}, content_z`;

/** A session's gist (its title until renamed): the start of its first message, on one line. */
const GIST_CHARS = 80;

/**
 * Every write also marks what changed in the index outbox (index-outbox.ts), in the same transaction, and then
 * calls `onChange`, which starts delivering it.
 */
/** What an import wrote into a session. */
export interface ArchiveImportCounts {
  messages: number;
  artifacts: number;
  versions: number;
}

export class SessionStore {
  private readonly sql: SqlStorage;
  /** Orders the outbox's marks: a mark newer than a delivered report stays. */
  private seq: number;

  constructor(
    private readonly storage: DurableObjectStorage,
    readonly sessionId: string,
    private readonly onChange: () => void = () => {},
  ) {
    this.sql = storage.sql;
    this.seq = this.sql
      .exec<{ seq: number }>("SELECT COALESCE(MAX(seq), 0) AS seq FROM index_outbox")
      .one().seq;
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
      this.markAll();
    });
  }

  /** Marks every artifact and the summary for the workspace, as for a session it has never heard of. */
  markAll(): number {
    const seq = ++this.seq;
    this.sql.exec(
      `INSERT INTO index_outbox (key, seq) SELECT id, ? FROM artifacts WHERE session_id = ?
       ON CONFLICT (key) DO UPDATE SET seq = excluded.seq`,
      seq,
      this.sessionId,
    );
    this.mark([SESSION_KEY]);
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ?", this.sessionId)
      .one().n;
  }

  /** Remembers the import written into this session, in its transaction. */
  rememberArchiveImport(digest: string, counts: ArchiveImportCounts): void {
    this.sql.exec(
      "INSERT INTO archive_import (digest, messages, artifacts, versions) VALUES (?, ?, ?, ?)",
      digest,
      counts.messages,
      counts.artifacts,
      counts.versions,
    );
  }

  /** What the import of this digest wrote here, when it was written here; its artifacts in the order written. */
  archiveImport(digest: string): (ArchiveImportCounts & { artifactIds: string[] }) | null {
    const row = this.sql
      .exec<{ messages: number; artifacts: number; versions: number }>(
        "SELECT messages, artifacts, versions FROM archive_import WHERE digest = ?",
        digest,
      )
      .toArray()[0];
    if (!row) return null;
    const artifactIds = this.sql
      .exec<{ id: string }>("SELECT id FROM artifacts WHERE session_id = ? ORDER BY rowid", this.sessionId)
      .toArray()
      .map(({ id }) => id);
    return { ...row, artifactIds };
  }

  /** Marks the ids of no artifact here, so the outbox reports them deleted (a repair of the workspace's index). */
  markMissing(ids: readonly string[]): void {
    const missing = this.sql
      .exec<{ id: string }>(
        "SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM artifacts WHERE session_id = ?)",
        JSON.stringify(ids),
        this.sessionId,
      )
      .toArray()
      .map((row) => row.id);
    if (missing.length > 0) this.mark(missing);
  }

  /** Marks answers still streaming as failed (they were cut off when the object stopped); answers how many. */
  markInterrupted(): number {
    const cut = this.sql
      .exec(
        "UPDATE chat_messages SET status = 'error' WHERE session_id = ? AND status = 'streaming' RETURNING id",
        this.sessionId,
      )
      .toArray().length;
    if (cut > 0) this.mark([SESSION_KEY]);
    return cut;
  }

  /** The summary the workspace lists the session by (its reports add the latest artifact change). */
  activity(): SessionActivity {
    const messages = this.sql
      .exec<{ n: number; first: number | null; last: number | null }>(
        "SELECT COUNT(*) AS n, MIN(created_at) AS first, MAX(created_at) AS last FROM chat_messages WHERE session_id = ?",
        this.sessionId,
      )
      .one();
    // Counted from the session's index alone; the artifacts' part of the last activity is added by the report,
    // from the changes it carries (index-outbox.ts).
    const artifacts = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ?", this.sessionId)
      .one();
    const owned = this.sql
      .exec<{ adopted_at: number }>("SELECT adopted_at FROM session_owner")
      .toArray()[0]?.adopted_at;
    const first = this.sql
      .exec<{ start: string }>(
        `SELECT substr(content, 1, 400) AS start FROM chat_messages WHERE session_id = ? AND content != ''
         ORDER BY id LIMIT 1`,
        this.sessionId,
      )
      .toArray()[0]?.start;
    const createdAt = Math.min(messages.first ?? Infinity, owned ?? Infinity);
    return {
      createdAt: Number.isFinite(createdAt) ? createdAt : Date.now(),
      lastActivityAt: Math.max(messages.last ?? 0, owned ?? 0),
      messageCount: messages.n,
      artifactCount: artifacts.n,
      gist: first === undefined ? null : gistOf(first),
    };
  }

  /** Marks changed keys in the outbox (inside the caller's transaction), then says so. */
  private mark(keys: readonly string[]): void {
    const seq = ++this.seq;
    if (keys.length === 1) {
      this.sql.exec(
        "INSERT INTO index_outbox (key, seq) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seq = excluded.seq",
        keys[0],
        seq,
      );
    } else {
      this.sql.exec(
        `INSERT INTO index_outbox (key, seq) SELECT value, ? FROM json_each(?) WHERE true
         ON CONFLICT (key) DO UPDATE SET seq = excluded.seq`,
        seq,
        JSON.stringify(keys),
      );
    }
    this.onChange();
  }

  /** Runs `write` as one transaction: all of it is stored, or none. */
  transaction<T>(write: () => T): T {
    return this.storage.transactionSync(write);
  }

  /** A page of the session's messages, oldest first. */
  pageMessages({ cursor, limit = DEFAULT_PAGE }: PageQuery): Validated<Page<Message>> {
    let after = 0;
    if (cursor !== undefined) {
      const key = decodeRowCursor(cursor);
      if (!key.ok) return key;
      after = key.value[1];
    }
    const rows = this.sql.exec<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?`,
      this.sessionId,
      after,
      limit + 1,
    );
    const page = takePage(
      rows,
      limit,
      toMessage,
      (row) => row.content.length,
      (row) => [row.created_at, String(row.id)],
    );
    return { ok: true, value: page };
  }

  /**
   * The messages newest first, read a page at a time as the caller takes them: the history a model is shown
   * stops at its budget, so a chat reads what its context holds, not the whole session.
   */
  *newestMessages(): Generator<Message> {
    let before = Number.MAX_SAFE_INTEGER;
    for (;;) {
      // Rows are read as they are taken: a caller that stops mid-page reads no more of it.
      const rows = this.sql.exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
        this.sessionId,
        before,
        HISTORY_PAGE,
      );
      let read = 0;
      for (const row of rows) {
        read++;
        before = row.id;
        yield toMessage(row);
      }
      if (read < HISTORY_PAGE) return;
    }
  }

  getMessage(id: string): Message | null {
    const row = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id = ?`,
        this.sessionId,
        Number(id),
      )
      .toArray()[0];
    return row ? toMessage(row) : null;
  }

  insertMessage(role: MessageRole, content: string, status: MessageStatus, createdAt = Date.now()): Message {
    const row = this.sql
      .exec<MessageRow>(
        `INSERT INTO chat_messages (session_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?)
         RETURNING ${MESSAGE_COLUMNS}`,
        this.sessionId,
        role,
        content,
        status,
        createdAt,
      )
      .one();
    this.mark([SESSION_KEY]);
    return toMessage(row);
  }

  updateMessage(id: string, content: string, status: MessageStatus): Message {
    const row = this.sql
      .exec<MessageRow>(
        `UPDATE chat_messages SET content = ?, status = ? WHERE session_id = ? AND id = ? RETURNING ${MESSAGE_COLUMNS}`,
        content,
        status,
        this.sessionId,
        Number(id),
      )
      .one();
    this.mark([SESSION_KEY]);
    return toMessage(row);
  }

  /** Sets a message's status alone, keeping its last stored content (an answer whose final write failed). */
  setMessageStatus(id: string, status: MessageStatus): void {
    this.sql.exec(
      "UPDATE chat_messages SET status = ? WHERE session_id = ? AND id = ?",
      status,
      this.sessionId,
      Number(id),
    );
    this.mark([SESSION_KEY]);
  }

  /**
   * Stores many new artifacts (version 1), in order, as `insertArtifact` would one by one: small ones go in
   * batches, each one statement over a JSON array of rows. A statement per row cost a 1 MiB answer of 75,000
   * tiny blocks about 2 s here; batches take 30% less.
   */
  insertArtifacts(artifacts: readonly NewArtifact[], source: CreatedBy = "import"): Artifact[] {
    const now = Date.now();
    const stored: Artifact[] = [];
    let rows: unknown[][] = [];
    let rowsBytes = 0;
    const flush = () => {
      if (rows.length === 0) return;
      this.mark([...rows.map((row) => row[0] as string), SESSION_KEY]);
      this.sql.exec(
        `INSERT INTO artifacts (${ARTIFACT_COLUMNS}, source)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8,
           value->>9, value->>10, 1, ? FROM json_each(?)`,
        source,
        JSON.stringify(rows),
      );
      rows = [];
      rowsBytes = 0;
    };
    for (const artifact of artifacts) {
      if (artifact.content.length > BATCHED_CONTENT_CHARS) {
        // Rows go in in order (listings order by time, then by row).
        flush();
        stored.push(this.insertArtifact(artifact, now, source));
        continue;
      }
      const row = this.newArtifact(artifact, now);
      stored.push(row);
      rows.push(insertedValues(row));
      rowsBytes += row.content.length + 256;
      if (rowsBytes > BATCH_CHARS) flush();
    }
    flush();
    return stored;
  }

  /** Stores a new artifact (version 1). Built here rather than read back: `RETURNING` tripled an import's cost. */
  insertArtifact(artifact: NewArtifact, now = Date.now(), source: CreatedBy = "model"): Artifact {
    const stored = this.newArtifact(artifact, now);
    this.sql.exec(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      ...insertedValues(stored),
      source,
    );
    this.mark([stored.id, SESSION_KEY]);
    return stored;
  }

  private newArtifact(artifact: NewArtifact, now: number): Artifact {
    return {
      id: crypto.randomUUID(),
      sessionId: this.sessionId,
      ...artifact,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  /**
   * A page of the session's artifacts by creation time, oldest first unless asked (rows of one answer share a
   * time, and keep its order).
   */
  pageArtifacts(filter: ArtifactFilter & PageQuery & OrderQuery): Validated<Page<Artifact>> {
    return pageArtifactRows(this.sql, this.filterOf(filter, ""), {
      cursor: filter.cursor,
      limit: filter.limit ?? DEFAULT_PAGE,
      order: filter.order ?? "oldest",
    });
  }

  /** A ranked full-text search of the session's artifacts (search/search-artifacts.ts). */
  searchArtifacts(text: string, filter: ArtifactFilter & PageQuery): Validated<Page<SearchResult>> {
    return searchArtifacts(
      this.sql,
      { text, limit: filter.limit ?? DEFAULT_PAGE, cursor: filter.cursor },
      this.filterOf(filter, "a."),
    );
  }

  private filterOf(filter: ArtifactFilter, prefix: string): ArtifactConditions {
    return artifactConditions(
      [
        ["session_id = ?", this.sessionId],
        ["message_id = ?", filter.messageId],
        ["type = ?", filter.type],
        ["language = ?", filter.language],
        ["created_at >= ?", filter.since],
        ["created_at <= ?", filter.until],
      ],
      prefix,
    );
  }

  getArtifact(id: string): Artifact | null {
    const row = this.sql
      .exec<ArtifactRow>(
        `SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE session_id = ? AND id = ?`,
        this.sessionId,
        id,
      )
      .toArray()[0];
    return row ? toArtifact(row) : null;
  }

  /** The id and title of every artifact not made by this message, the most recently changed first. */
  earlierTitles(messageId: string): { id: string; title: string }[] {
    return this.sql
      .exec<{ id: string; title: string }>(
        `SELECT id, title FROM artifacts WHERE session_id = ? AND message_id IS NOT ?
         ORDER BY updated_at DESC, rowid DESC`,
        this.sessionId,
        messageId,
      )
      .toArray();
  }

  /** The most recently changed artifacts not made by this message. */
  recentArtifacts(messageId: string, limit: number): Artifact[] {
    return this.sql
      .exec<ArtifactRow>(
        `SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE session_id = ? AND message_id IS NOT ?
         ORDER BY updated_at DESC, rowid DESC LIMIT ?`,
        this.sessionId,
        messageId,
        limit,
      )
      .toArray()
      .map(toArtifact);
  }

  /**
   * The artifacts of these ids that exist, by id, read in one statement. (`+session_id` keeps SQLite from reading
   * the session's index, which scanned every artifact of the session, instead of looking each id up.)
   */
  /** An artifact's rowid: with its creation time, where a listing's cursor stands after it. */
  rowOf(id: string): number {
    return this.sql
      .exec<{ row: number }>(
        "SELECT rowid AS row FROM artifacts WHERE id = ? AND session_id = ?",
        id,
        this.sessionId,
      )
      .one().row;
  }

  artifactsById(ids: readonly string[]): Map<string, Artifact> {
    const rows = this.sql.exec<ArtifactRow>(
      `SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE id IN (SELECT value FROM json_each(?)) AND +session_id = ?`,
      JSON.stringify(ids),
      this.sessionId,
    );
    const found = new Map<string, Artifact>();
    for (const row of rows) found.set(row.id, toArtifact(row));
    return found;
  }

  /**
   * Applies the changes as a new version: the current state is kept, as it was, among the artifact's versions
   * first. Null when the session has no such artifact.
   */
  updateArtifact(
    id: string,
    updates: ArtifactUpdates,
    change: VersionChange = { source: "edit" },
  ): Artifact | null {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [field, value] of Object.entries(updates)) {
      if (value === undefined) continue;
      sets.push(`${field} = ?`);
      values.push(field === "metadata" ? JSON.stringify(value) : (value as string | null));
    }
    const kept = this.sql.exec(
      `INSERT INTO artifact_versions (artifact_id, version, title, description, type, content, language, metadata,
         created_at, source, message_id, restored_from)
       SELECT id, version, title, description, type, content, language, metadata, updated_at, source,
         CASE WHEN source = 'model' THEN COALESCE(version_message_id, message_id) END, restored_from
       FROM artifacts WHERE session_id = ? AND id = ?`,
      this.sessionId,
      id,
    );
    if (kept.rowsWritten === 0) return null;
    const row = this.sql
      .exec<ArtifactRow>(
        `UPDATE artifacts SET ${sets.join(", ")}, updated_at = ?, version = version + 1, source = ?,
           version_message_id = ?, restored_from = ?
         WHERE session_id = ? AND id = ? RETURNING ${ARTIFACT_COLUMNS}`,
        ...values,
        Date.now(),
        change.source,
        change.messageId ?? null,
        change.restoredFrom ?? null,
        this.sessionId,
        id,
      )
      .one();
    this.compressVersion(id, row.version - 1);
    this.mark([id, SESSION_KEY]);
    return toArtifact(row);
  }

  /** Stores a large earlier version deflated (sqlite/compressed-text.ts), when that saves space. */
  private compressVersion(id: string, version: number): void {
    const row = this.sql
      .exec<{ content: string }>(
        "SELECT content FROM artifact_versions WHERE artifact_id = ? AND version = ? AND length(content) >= ?",
        id,
        version,
        COMPRESS_MIN_CHARS,
      )
      .toArray()[0];
    const packed = row ? compressText(row.content) : null;
    if (!packed) return;
    this.sql.exec(
      "UPDATE artifact_versions SET content = '', content_z = ? WHERE artifact_id = ? AND version = ?",
      packed,
      id,
      version,
    );
  }

  /** Every version of an artifact, oldest first, the current one last; null when there is no such artifact. */
  listVersions(id: string): ArtifactVersion[] | null {
    const current = this.currentVersion(id);
    if (!current) return null;
    return [...this.keptVersions(id, current.version - 1), current];
  }

  /** The versions an edit kept, oldest first, up to `last`. */
  private keptVersions(id: string, last: number): ArtifactVersion[] {
    return this.sql
      .exec<VersionRow>(
        `SELECT ${STORED_VERSION_COLUMNS} FROM artifact_versions WHERE artifact_id = ? AND version <= ?
         ORDER BY version`,
        id,
        last,
      )
      .toArray()
      .map(toVersion);
  }

  /** One version of an artifact, or null. */
  getVersion(id: string, version: number): ArtifactVersion | null {
    const current = this.currentVersion(id);
    if (!current || version > current.version) return null;
    if (version === current.version) return current;
    const row = this.sql
      .exec<VersionRow>(
        `SELECT ${STORED_VERSION_COLUMNS} FROM artifact_versions WHERE artifact_id = ? AND version = ?`,
        id,
        version,
      )
      .toArray()[0];
    return row ? toVersion(row) : null;
  }

  private currentVersion(id: string): ArtifactVersion | null {
    const row = this.sql
      .exec<VersionRow>(
        `SELECT id AS artifact_id, version, title, description, type, content, language, metadata,
           updated_at AS created_at, source,
           CASE WHEN source = 'model' THEN COALESCE(version_message_id, message_id) END AS message_id, restored_from,
           NULL AS content_z
         FROM artifacts WHERE session_id = ? AND id = ?`,
        this.sessionId,
        id,
      )
      .toArray()[0];
    return row ? toVersion(row) : null;
  }

  /** Where an export reads the session as of (see ExportSnapshot): the last rows written so far. */
  exportSnapshot(): ExportSnapshot {
    const last = (table: string) =>
      this.sql.exec<{ row: number }>(`SELECT COALESCE(MAX(rowid), 0) AS row FROM ${table}`).one().row;
    return { artifactRow: last("artifacts"), versionRow: last("artifact_versions") };
  }

  /**
   * A page of artifacts with every version as of `snapshot`, in creation order, after the row `after`: as many
   * as hold about `budgetChars` (at least one). `ids` keeps only those artifacts.
   */
  exportArtifacts(
    after: number,
    budgetChars: number,
    snapshot: ExportSnapshot,
    ids?: readonly string[],
  ): { items: ArtifactHistory[]; next: number | null } {
    // `kept` is the first version an edit after the snapshot kept: the one that was current then.
    const rows = this.sql.exec<ArtifactRow & { row: number; kept: number | null }>(
      `SELECT rowid AS row, ${ARTIFACT_COLUMNS},
         (SELECT MIN(v.version) FROM artifact_versions v WHERE v.artifact_id = artifacts.id AND v.rowid > ?) AS kept
       FROM artifacts WHERE session_id = ? AND rowid > ? AND rowid <= ?
       ${ids ? "AND id IN (SELECT value FROM json_each(?))" : ""} ORDER BY rowid`,
      snapshot.versionRow,
      this.sessionId,
      after,
      snapshot.artifactRow,
      ...(ids ? [JSON.stringify(ids)] : []),
    );
    const items: ArtifactHistory[] = [];
    let chars = 0;
    for (const row of rows) {
      if (items.length > 0 && chars >= budgetChars) return { items, next: row.row - 1 };
      const versions =
        row.kept === null ? (this.listVersions(row.id) ?? []) : this.keptVersions(row.id, row.kept);
      for (const version of versions)
        chars += version.content.length + JSON.stringify(version.metadata).length;
      items.push({ id: row.id, messageId: row.message_id, createdAt: row.created_at, versions });
    }
    return { items, next: null };
  }

  /**
   * Stores an artifact from an export as it was: its first version's creation time, and every version with what
   * made it. `messageIds` maps the export's message ids to this session's; a version of a message not imported
   * keeps no message. The caller holds the transaction.
   */
  insertArchivedArtifact(
    artifact: { messageId: string | null; createdAt: number; versions: readonly ArchivedVersion[] },
    messageIds: ReadonlyMap<string, string>,
  ): Artifact {
    const id = crypto.randomUUID();
    const message = (ref: string | null) => (ref === null ? null : (messageIds.get(ref) ?? null));
    const earlier = artifact.versions.slice(0, -1);
    const current = artifact.versions.at(-1) as ArchivedVersion;
    for (const version of earlier) {
      const packed = compressText(version.content);
      this.sql.exec(
        `INSERT INTO artifact_versions (${STORED_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        version.version,
        version.title,
        version.description,
        version.type,
        packed ? "" : version.content,
        version.language,
        JSON.stringify(version.metadata),
        version.createdAt,
        version.source,
        message(version.messageId),
        version.restoredFrom,
        packed,
      );
    }
    const stored: Artifact = {
      id,
      sessionId: this.sessionId,
      messageId: message(artifact.messageId),
      title: current.title,
      description: current.description,
      type: current.type,
      content: current.content,
      language: current.language,
      metadata: current.metadata,
      createdAt: artifact.createdAt,
      updatedAt: current.createdAt,
      version: current.version,
    };
    const values = insertedValues(stored);
    this.sql.exec(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}, source, version_message_id, restored_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...values,
      current.version,
      current.source,
      message(current.messageId),
      current.restoredFrom,
    );
    this.mark([id, SESSION_KEY]);
    return stored;
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
    const kept = JSON.stringify(keep);
    // One row past the batch says whether more are left, without counting what is left at every batch.
    const doomed = this.sql
      .exec<{ id: string }>(
        `SELECT id FROM artifacts WHERE session_id = ? AND id NOT IN (SELECT value FROM json_each(?))
         ORDER BY rowid LIMIT ?`,
        this.sessionId,
        kept,
        limit + 1,
      )
      .toArray()
      .map((row) => row.id);
    const messages = this.sql
      .exec<{ id: number }>(
        "SELECT id FROM chat_messages WHERE session_id = ? AND status != 'streaming' ORDER BY id LIMIT ?",
        this.sessionId,
        limit + 1,
      )
      .toArray()
      .map((row) => row.id);
    const artifacts = doomed.slice(0, limit);
    for (const id of artifacts) this.deleteArtifact(id);
    const gone = messages.slice(0, limit);
    if (gone.length > 0) {
      this.sql.exec(
        "DELETE FROM chat_messages WHERE id IN (SELECT value FROM json_each(?))",
        JSON.stringify(gone),
      );
      this.mark([SESSION_KEY]);
    }
    const stays = this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))",
        this.sessionId,
        kept,
      )
      .one().n;
    return {
      deleted: artifacts,
      messages: gone.length,
      more: doomed.length > limit || messages.length > limit,
      kept: stays,
    };
  }

  /** Deletes an artifact with all its versions. */
  deleteArtifact(id: string): boolean {
    const deleted =
      this.sql.exec("DELETE FROM artifacts WHERE session_id = ? AND id = ?", this.sessionId, id).rowsWritten >
      0;
    if (!deleted) return false;
    this.sql.exec("DELETE FROM artifact_versions WHERE artifact_id = ?", id);
    this.mark([id, SESSION_KEY]);
    return true;
  }
}

function toMessage(row: MessageRow): Message {
  return {
    id: String(row.id),
    sessionId: row.session_id,
    role: row.role as MessageRole,
    content: row.content,
    createdAt: row.created_at,
    status: row.status as MessageStatus,
  };
}

function gistOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= GIST_CHARS ? line : `${line.slice(0, GIST_CHARS - 1).trimEnd()}…`;
}

function toVersion(row: VersionRow): ArtifactVersion {
  return {
    artifactId: row.artifact_id,
    version: row.version,
    title: row.title,
    description: row.description,
    type: row.type as ArtifactType,
    content: row.content_z === null ? row.content : decompressText(row.content_z),
    language: row.language,
    metadata: row.metadata === null ? {} : (JSON.parse(row.metadata) as Record<string, unknown>),
    createdAt: row.created_at,
    source: row.source as VersionSource,
    messageId: row.message_id,
    restoredFrom: row.restored_from,
  };
}
