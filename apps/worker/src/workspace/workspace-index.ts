/**
 * A workspace's sessions and the index of all their artifacts, in its SQLite database: what its sessions
 * reported (see session-report.ts), enough to list and filter everything without waking a single session.
 */
import {
  type Artifact,
  DEFAULT_PAGE,
  type SearchResult,
  type SessionSummary,
  type SessionsQuery,
  utf8Length,
  utf8Prefix,
  type Validated,
  type WorkspaceArtifactsQuery,
} from "@folio/protocol";
import { decodeCursor, encodeCursor } from "../paging/cursor.js";
import type { Page } from "../paging/page.js";
import { searchArtifacts } from "../search/search-artifacts.js";
import type { SessionReport } from "../session-report.js";
import { type ArtifactConditions, artifactConditions, pageArtifactRows } from "../sqlite/artifact-listing.js";
import { ARTIFACT_COLUMNS } from "../sqlite/artifact-rows.js";

const UNTITLED = "New chat";
/**
 * A statement's JSON of reported artifacts is at most this many bytes: well under the 2 MB a Durable Object's
 * SQLite value (and row) may hold.
 */
export const INDEX_BATCH_BYTES = 1024 * 1024;
/** The most content the index keeps of one artifact: a row of it, with its metadata, stays under 2 MB. */
export const INDEX_CONTENT_BYTES = 1024 * 1024;

type SessionRow = {
  id: string;
  title: string | null;
  gist: string | null;
  created_at: number;
  last_activity_at: number;
  message_count: number;
  artifact_count: number;
};

const SESSION_COLUMNS = "id, title, gist, created_at, last_activity_at, message_count, artifact_count";

export class WorkspaceIndex {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** A session the workspace has just made (listed at once, before it reports anything). */
  addSession(sessionId: string, createdAt: number): SessionSummary {
    this.sql.exec(
      `INSERT INTO sessions (id, created_at, last_activity_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      sessionId,
      createdAt,
      createdAt,
    );
    return this.getSession(sessionId) as SessionSummary;
  }

  /**
   * Takes in a session's report, in one transaction; answers the session as now listed, or null when the
   * workspace deleted it (a report still on its way from a deleted session adds nothing back).
   */
  applyReport({ sessionId, activity, upserts, deletes }: SessionReport): SessionSummary | null {
    return this.storage.transactionSync(() => {
      if (this.sql.exec("SELECT 1 FROM removed_sessions WHERE id = ?", sessionId).toArray().length > 0) {
        return null;
      }
      this.sql.exec(
        `INSERT INTO sessions (id, gist, created_at, last_activity_at, message_count, artifact_count)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET gist = excluded.gist, created_at = MIN(created_at, excluded.created_at),
           last_activity_at = MAX(last_activity_at, excluded.last_activity_at),
           message_count = excluded.message_count, artifact_count = excluded.artifact_count`,
        sessionId,
        activity.gist,
        activity.createdAt,
        activity.lastActivityAt,
        activity.messageCount,
        activity.artifactCount,
      );
      // A session speaks only for its own artifacts.
      const own = upserts.filter((artifact) => artifact.sessionId === sessionId);
      for (const batch of indexBatches(own)) {
        if (typeof batch === "string")
          this.sql.exec(`${UPSERT} SELECT ${FROM_JSON} FROM json_each(?) WHERE true ${ON_CONFLICT}`, batch);
        else
          this.sql.exec(
            `${UPSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${ON_CONFLICT}`,
            ...columnsOf(batch),
          );
      }
      if (deletes.length > 0) {
        this.sql.exec(
          "DELETE FROM collection_items WHERE artifact_id IN (SELECT value FROM json_each(?))",
          JSON.stringify(deletes),
        );
        this.sql.exec(
          // `+session_id`: look each id up, rather than read every artifact of the session.
          "DELETE FROM artifacts WHERE id IN (SELECT value FROM json_each(?)) AND +session_id = ?",
          JSON.stringify(deletes),
          sessionId,
        );
      }
      return this.getSession(sessionId);
    });
  }

  /** A page of the ids the index holds of a session's artifacts, after `after` in id order (a repair reads them). */
  artifactIdsOf(sessionId: string, after: string, limit: number): string[] {
    return this.sql
      .exec<{ id: string }>(
        "SELECT id FROM artifacts WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?",
        sessionId,
        after,
        limit,
      )
      .toArray()
      .map((row) => row.id);
  }

  /** Whether the index holds every one of these artifacts. */
  holdsAll(artifactIds: readonly string[]): boolean {
    const unique = new Set(artifactIds);
    const held = this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM artifacts WHERE id IN (SELECT value FROM json_each(?))",
        JSON.stringify([...unique]),
      )
      .one().n;
    return held === unique.size;
  }

  /** An artifact's title, when the index holds it in that session. */
  artifactTitle(sessionId: string, artifactId: string): string | null {
    return (
      this.sql
        .exec<{ title: string }>(
          "SELECT title FROM artifacts WHERE id = ? AND session_id = ?",
          artifactId,
          sessionId,
        )
        .toArray()[0]?.title ?? null
    );
  }

  getSession(sessionId: string): SessionSummary | null {
    const row = this.sql
      .exec<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`, sessionId)
      .toArray()[0];
    return row ? toSummary(row) : null;
  }

  renameSession(sessionId: string, title: string): SessionSummary | null {
    this.sql.exec("UPDATE sessions SET title = ? WHERE id = ?", title, sessionId);
    return this.getSession(sessionId);
  }

  /** Deletes a session's row and its index entries, and remembers it was deleted; whether it was listed. */
  removeSession(sessionId: string): boolean {
    return this.storage.transactionSync(() => {
      const listed = this.sql.exec("DELETE FROM sessions WHERE id = ?", sessionId).rowsWritten > 0;
      this.sql.exec(
        "DELETE FROM collection_items WHERE artifact_id IN (SELECT id FROM artifacts WHERE session_id = ?)",
        sessionId,
      );
      this.sql.exec("DELETE FROM artifacts WHERE session_id = ?", sessionId);
      this.sql.exec(
        "INSERT OR IGNORE INTO removed_sessions (id, removed_at) VALUES (?, ?)",
        sessionId,
        Date.now(),
      );
      return listed;
    });
  }

  sessionIds(): string[] {
    return this.sql
      .exec<{ id: string }>("SELECT id FROM sessions ORDER BY id")
      .toArray()
      .map((row) => row.id);
  }

  /** Latest activity first. */
  listSessions(query: SessionsQuery): Validated<Page<SessionSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const conditions: string[] = [];
    const values: (string | number)[] = [];
    if (query.cursor !== undefined) {
      const key = decodeCursor(query.cursor);
      if (!key.ok) return key;
      conditions.push("(last_activity_at, id) < (?, ?)");
      values.push(...key.value);
    }
    const rows = this.sql
      .exec<SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM sessions ${where(conditions)}
         ORDER BY last_activity_at DESC, id DESC LIMIT ?`,
        ...values,
        limit + 1,
      )
      .toArray();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor([last.last_activity_at, last.id]) : null;
    return { ok: true, value: { items: page.map(toSummary), nextCursor } };
  }

  listArtifacts(query: WorkspaceArtifactsQuery): Validated<Page<Artifact>> {
    return pageArtifactRows(this.sql, filterOf(query, ""), {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE,
      order: query.order ?? "newest",
    });
  }

  /** A ranked full-text search of every artifact of the workspace (search/search-artifacts.ts). */
  searchArtifacts(text: string, query: WorkspaceArtifactsQuery): Validated<Page<SearchResult>> {
    return searchArtifacts(
      this.sql,
      { text, limit: query.limit ?? DEFAULT_PAGE, cursor: query.cursor },
      filterOf(query, "a."),
    );
  }
}

function filterOf(query: WorkspaceArtifactsQuery, prefix: string): ArtifactConditions {
  return artifactConditions(
    [
      ["type = ?", query.type],
      ["language = ?", query.language],
      ["session_id = ?", query.sessionId],
      ["id IN (SELECT artifact_id FROM collection_items WHERE collection_id = ?)", query.collectionId],
      ["created_at >= ?", query.since],
      ["created_at <= ?", query.until],
    ],
    prefix,
  );
}

// An upsert, not a replace: a replaced row would fire no delete trigger, leaving the search index stale.
const UPSERT = `INSERT INTO artifacts (${ARTIFACT_COLUMNS})`;
const FROM_JSON = `value->>'id', value->>'sessionId', value->>'messageId', value->>'title', value->>'description',
  value->>'type', value->>'content', value->>'language', json(value->'metadata'), value->>'createdAt',
  value->>'updatedAt', value->>'version'`;
const ON_CONFLICT = `ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, message_id = excluded.message_id,
  title = excluded.title, description = excluded.description, type = excluded.type, content = excluded.content,
  language = excluded.language, metadata = excluded.metadata, created_at = excluded.created_at,
  updated_at = excluded.updated_at, version = excluded.version`;

/**
 * A report's artifacts, a statement each: JSON arrays of at most INDEX_BATCH_BYTES, and an artifact too large
 * for one alone, bound column by column. A whole report bound as one JSON value passed the 2 MB a Durable
 * Object's SQLite value may hold, failed, and was retried for ever.
 */
function* indexBatches(artifacts: readonly Artifact[]): Generator<string | Artifact> {
  let batch: string[] = [];
  let bytes = 2;
  for (const artifact of artifacts) {
    const json = JSON.stringify(artifact);
    const size = utf8Length(json) + 1;
    if (size > INDEX_BATCH_BYTES) {
      yield indexed(artifact);
      continue;
    }
    if (bytes + size > INDEX_BATCH_BYTES) {
      yield `[${batch.join(",")}]`;
      batch = [];
      bytes = 2;
    }
    batch.push(json);
    bytes += size;
  }
  if (batch.length > 0) yield `[${batch.join(",")}]`;
}

/**
 * The artifact as the index keeps it: whole, unless its content passes INDEX_CONTENT_BYTES (only an artifact
 * stored before answers were cut at 1 MiB can); then cut there, at a character, and marked `indexTruncated` in its
 * metadata with the bytes it had. Listing and search keep what fits; the session still holds it whole.
 */
function indexed(artifact: Artifact): Artifact {
  const bytes = utf8Length(artifact.content);
  if (bytes <= INDEX_CONTENT_BYTES) return artifact;
  const content = utf8Prefix(artifact.content, INDEX_CONTENT_BYTES);
  return { ...artifact, content, metadata: { ...artifact.metadata, indexTruncated: bytes } };
}

function columnsOf(artifact: Artifact): (string | number | null)[] {
  const { id, sessionId, messageId, title, description, type, content, language, metadata } = artifact;
  const { createdAt, updatedAt, version } = artifact;
  return [
    id,
    sessionId,
    messageId,
    title,
    description,
    type,
    content,
    language,
    JSON.stringify(metadata),
    createdAt,
    updatedAt,
    version,
  ];
}

function where(conditions: string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

function toSummary(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    title: row.title ?? row.gist ?? UNTITLED,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    messageCount: row.message_count,
    artifactCount: row.artifact_count,
  };
}
