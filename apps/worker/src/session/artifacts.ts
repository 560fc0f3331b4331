/**
 * The session's artifacts (`artifacts`), each row its current version; an edit keeps the state it replaces among
 * the artifact's versions (artifact-versions.ts). Each write marks the artifact in the index outbox.
 */
import {
  type Artifact,
  type ArtifactOrder,
  type ArtifactType,
  type ArtifactUpdates,
  DEFAULT_PAGE,
  type SearchResult,
  type Validated,
} from "@folio/protocol";
import type { Page, PageQuery } from "../paging/page.js";
import { searchArtifacts } from "../search/search-artifacts.js";
import { SESSION_KEY } from "../session-report.js";
import { type ArtifactConditions, artifactConditions, pageArtifactRows } from "../sqlite/artifact-listing.js";
import { ARTIFACT_COLUMNS, type ArtifactRow, insertedValues, toArtifact } from "../sqlite/artifact-rows.js";
import type { ArchivedVersion, ArtifactVersions, VersionChange } from "./artifact-versions.js";
import type { OutboxMarks } from "./index-outbox.js";

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

/** By creation time, oldest first unless asked; or by title. */
export interface OrderQuery {
  order?: ArtifactOrder | undefined;
}

/** Artifacts this small go in batches, of about this many characters of JSON (values are capped at 2 MB). */
const BATCHED_CONTENT_CHARS = 16 * 1024;
const BATCH_CHARS = 512 * 1024;

/** What made an artifact's first version. */
type CreatedBy = "model" | "import";

export class Artifacts {
  constructor(
    private readonly sql: SqlStorage,
    private readonly sessionId: string,
    private readonly marks: OutboxMarks,
    private readonly versions: ArtifactVersions,
  ) {}

  /**
   * Stores many new artifacts (version 1), in order, as `insert` would one by one: small ones go in batches,
   * each one statement over a JSON array of rows. A statement per row cost a 1 MiB answer of 75,000 tiny blocks
   * about 2 s here; batches take 30% less.
   */
  insertMany(artifacts: readonly NewArtifact[], source: CreatedBy = "import"): Artifact[] {
    const now = Date.now();
    const stored: Artifact[] = [];
    let rows: unknown[][] = [];
    let rowsBytes = 0;
    const flush = () => {
      if (rows.length === 0) return;
      this.marks.mark([...rows.map((row) => row[0] as string), SESSION_KEY]);
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
        stored.push(this.insert(artifact, now, source));
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
  insert(artifact: NewArtifact, now = Date.now(), source: CreatedBy = "model"): Artifact {
    const stored = this.newArtifact(artifact, now);
    this.sql.exec(
      `INSERT INTO artifacts (${ARTIFACT_COLUMNS}, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      ...insertedValues(stored),
      source,
    );
    this.marks.mark([stored.id, SESSION_KEY]);
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
   * Stores an artifact from an export as it was: its first version's creation time, and every version with what
   * made it. `messageIds` maps the export's message ids to this session's; a version of a message not imported
   * keeps no message. The caller holds the transaction.
   */
  insertArchived(
    artifact: { messageId: string | null; createdAt: number; versions: readonly ArchivedVersion[] },
    messageIds: ReadonlyMap<string, string>,
  ): Artifact {
    const id = crypto.randomUUID();
    const message = (ref: string | null) => (ref === null ? null : (messageIds.get(ref) ?? null));
    const earlier = artifact.versions.slice(0, -1);
    const current = artifact.versions.at(-1) as ArchivedVersion;
    for (const version of earlier) this.versions.insertArchived(id, version, message(version.messageId));
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
    this.marks.mark([id, SESSION_KEY]);
    return stored;
  }

  /**
   * A page of the session's artifacts by creation time, oldest first unless asked (rows of one answer share a
   * time, and keep its order).
   */
  page(filter: ArtifactFilter & PageQuery & OrderQuery): Validated<Page<Artifact>> {
    return pageArtifactRows(this.sql, this.filterOf(filter, ""), {
      cursor: filter.cursor,
      limit: filter.limit ?? DEFAULT_PAGE,
      order: filter.order ?? "oldest",
    });
  }

  /** A ranked full-text search of the session's artifacts (search/search-artifacts.ts). */
  search(text: string, filter: ArtifactFilter & PageQuery): Validated<Page<SearchResult>> {
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

  get(id: string): Artifact | null {
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
  recent(messageId: string, limit: number): Artifact[] {
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

  /**
   * The artifacts of these ids that exist, by id, read in one statement. (`+session_id` keeps SQLite from reading
   * the session's index, which scanned every artifact of the session, instead of looking each id up.)
   */
  byIds(ids: readonly string[]): Map<string, Artifact> {
    const rows = this.sql.exec<ArtifactRow>(
      `SELECT ${ARTIFACT_COLUMNS} FROM artifacts WHERE id IN (SELECT value FROM json_each(?)) AND +session_id = ?`,
      JSON.stringify(ids),
      this.sessionId,
    );
    const found = new Map<string, Artifact>();
    for (const row of rows) found.set(row.id, toArtifact(row));
    return found;
  }

  /** Every artifact's id, in the order written. */
  ids(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM artifacts WHERE session_id = ? ORDER BY rowid", this.sessionId)
      .toArray()
      .map(({ id }) => id);
  }

  count(): number {
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ?", this.sessionId)
      .one().n;
  }

  /**
   * Applies the changes as a new version: the current state is kept, as it was, among the artifact's versions
   * first. Null when the session has no such artifact.
   */
  update(id: string, updates: ArtifactUpdates, change: VersionChange = { source: "edit" }): Artifact | null {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [field, value] of Object.entries(updates)) {
      if (value === undefined) continue;
      sets.push(`${field} = ?`);
      values.push(field === "metadata" ? JSON.stringify(value) : (value as string | null));
    }
    if (!this.versions.keepCurrent(id)) return null;
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
    this.versions.compress(id, row.version - 1);
    this.marks.mark([id, SESSION_KEY]);
    return toArtifact(row);
  }

  /** Deletes an artifact with all its versions. */
  delete(id: string): boolean {
    const deleted =
      this.sql.exec("DELETE FROM artifacts WHERE session_id = ? AND id = ?", this.sessionId, id).rowsWritten >
      0;
    if (!deleted) return false;
    this.versions.deleteAll(id);
    this.marks.mark([id, SESSION_KEY]);
    return true;
  }

  /** The ids of up to `limit` of the oldest artifacts not in `keep` (retention's). */
  prunable(keep: readonly string[], limit: number): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT id FROM artifacts WHERE session_id = ? AND id NOT IN (SELECT value FROM json_each(?))
         ORDER BY rowid LIMIT ?`,
        this.sessionId,
        JSON.stringify(keep),
        limit,
      )
      .toArray()
      .map((row) => row.id);
  }

  /** How many of these ids are artifacts here. */
  countOf(ids: readonly string[]): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))",
        this.sessionId,
        JSON.stringify(ids),
      )
      .one().n;
  }
}
