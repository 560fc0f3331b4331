/**
 * The session's artifacts as an export reads them (archive/export-archive.ts), a page at a time: in its first
 * pass each version's fields, size and SHA-256, in its second the same page with every version's content.
 */
import type { ArtifactVersion, ExportedVersion } from "@folio/protocol";
import { sha256Hex } from "../archive/digest.js";
import { ARTIFACT_COLUMNS, type ArtifactRow } from "../sqlite/artifact-rows.js";
import type { SessionStore } from "./store.js";

/** An export reads artifacts in pages of about this much content. */
const EXPORT_PAGE_CHARS = 8 * 1024 * 1024;

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

export interface ExportPage {
  items: ArtifactHistory[];
  next: number | null;
}

/** A version as the manifest describes it, but for where its file goes. */
export type DescribedVersion = Omit<ExportedVersion, "path">;

export interface DigestPage {
  items: (Omit<ArtifactHistory, "versions"> & { versions: DescribedVersion[] })[];
  next: number | null;
  snapshot: ExportSnapshot;
}

/** The first pass's page after row `after`, as of `snapshot` (taken now when null); the content stays here. */
export async function digestPage(
  store: SessionStore,
  after: number,
  snapshot: ExportSnapshot | null,
  artifactIds?: string[],
): Promise<DigestPage> {
  const at = snapshot ?? snapshotOf(store);
  const page = historyPage(store, after, at, artifactIds);
  const items = await Promise.all(
    page.items.map(async ({ versions, ...artifact }) => ({
      ...artifact,
      versions: await Promise.all(versions.map(describedVersion)),
    })),
  );
  return { items, next: page.next, snapshot: at };
}

/** The second pass's page: the same as `digestPage` gave, with every version's content. */
export function contentPage(
  store: SessionStore,
  after: number,
  snapshot: ExportSnapshot,
  artifactIds?: string[],
): ExportPage {
  return historyPage(store, after, snapshot, artifactIds);
}

/** Where an export reads the session as of (see ExportSnapshot): the last rows written so far. */
function snapshotOf({ sql }: SessionStore): ExportSnapshot {
  const last = (table: string) =>
    sql.exec<{ row: number }>(`SELECT COALESCE(MAX(rowid), 0) AS row FROM ${table}`).one().row;
  return { artifactRow: last("artifacts"), versionRow: last("artifact_versions") };
}

/**
 * A page of artifacts with every version as of `snapshot`, in creation order, after the row `after`: as many
 * as hold about EXPORT_PAGE_CHARS (at least one). `ids` keeps only those artifacts.
 */
function historyPage(
  { sql, sessionId, versions }: SessionStore,
  after: number,
  snapshot: ExportSnapshot,
  ids?: readonly string[],
): ExportPage {
  // `kept` is the first version an edit after the snapshot kept: the one that was current then.
  const rows = sql.exec<ArtifactRow & { row: number; kept: number | null }>(
    `SELECT rowid AS row, ${ARTIFACT_COLUMNS},
       (SELECT MIN(v.version) FROM artifact_versions v WHERE v.artifact_id = artifacts.id AND v.rowid > ?) AS kept
     FROM artifacts WHERE session_id = ? AND rowid > ? AND rowid <= ?
     ${ids ? "AND id IN (SELECT value FROM json_each(?))" : ""} ORDER BY rowid`,
    snapshot.versionRow,
    sessionId,
    after,
    snapshot.artifactRow,
    ...(ids ? [JSON.stringify(ids)] : []),
  );
  const items: ArtifactHistory[] = [];
  let chars = 0;
  for (const row of rows) {
    if (items.length > 0 && chars >= EXPORT_PAGE_CHARS) return { items, next: row.row - 1 };
    const history = row.kept === null ? (versions.list(row.id) ?? []) : versions.kept(row.id, row.kept);
    for (const version of history) chars += version.content.length + JSON.stringify(version.metadata).length;
    items.push({ id: row.id, messageId: row.message_id, createdAt: row.created_at, versions: history });
  }
  return { items, next: null };
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
