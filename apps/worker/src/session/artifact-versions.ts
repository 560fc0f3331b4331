/**
 * The versions of the session's artifacts: the current one is the artifact's own row, each earlier one a row of
 * `artifact_versions`, kept as it was by the edit that replaced it (and deflated when large).
 */
import type { ArtifactType, ArtifactVersion, VersionSource } from "@folio/protocol";
import type { ArtifactRow } from "../sqlite/artifact-rows.js";
import { COMPRESS_MIN_CHARS, compressText, decompressText } from "../sqlite/compressed-text.js";

/** What makes a new version, beyond its fields. */
export interface VersionChange {
  source: VersionSource;
  messageId?: string;
  restoredFrom?: number;
}

/** A version as an export holds it (its message id is the export's). */
export type ArchivedVersion = Omit<ArtifactVersion, "artifactId">;

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

export class ArtifactVersions {
  constructor(
    private readonly sql: SqlStorage,
    private readonly sessionId: string,
  ) {}

  /** Keeps an artifact's current state, as it is, among its earlier versions; false when there is no such artifact. */
  keepCurrent(id: string): boolean {
    const kept = this.sql.exec(
      `INSERT INTO artifact_versions (artifact_id, version, title, description, type, content, language, metadata,
         created_at, source, message_id, restored_from)
       SELECT id, version, title, description, type, content, language, metadata, updated_at, source,
         CASE WHEN source = 'model' THEN COALESCE(version_message_id, message_id) END, restored_from
       FROM artifacts WHERE session_id = ? AND id = ?`,
      this.sessionId,
      id,
    );
    return kept.rowsWritten > 0;
  }

  /** Stores a large earlier version deflated (sqlite/compressed-text.ts), when that saves space. */
  compress(id: string, version: number): void {
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
  list(id: string): ArtifactVersion[] | null {
    const current = this.current(id);
    if (!current) return null;
    return [...this.kept(id, current.version - 1), current];
  }

  /** The versions an edit kept, oldest first, up to `last`. */
  kept(id: string, last: number): ArtifactVersion[] {
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
  get(id: string, version: number): ArtifactVersion | null {
    const current = this.current(id);
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

  /** Stores an earlier version from an export, as it was, under the artifact's new id and message. */
  insertArchived(id: string, version: ArchivedVersion, messageId: string | null): void {
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
      messageId,
      version.restoredFrom,
      packed,
    );
  }

  /** Deletes an artifact's earlier versions (with the artifact). */
  deleteAll(id: string): void {
    this.sql.exec("DELETE FROM artifact_versions WHERE artifact_id = ?", id);
  }

  private current(id: string): ArtifactVersion | null {
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
