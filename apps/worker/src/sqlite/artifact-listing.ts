/**
 * Listing an `artifacts` table (a session's, or a workspace's index): the conditions of a filter, and a page in
 * creation order (rows of one answer share a time and keep its order by rowid), newest or oldest first, or by
 * title.
 */
import type { Artifact, ArtifactOrder, Validated } from "@folio/protocol";
import { decodeOffsetCursor, decodeRowCursor, type Page, takePage } from "../paging/page.js";
import { ARTIFACT_COLUMNS, type ArtifactRow, toArtifact } from "./artifact-rows.js";

/** Conditions on the artifacts, each with its `?` values, all of which must hold. */
export interface ArtifactConditions {
  conditions: string[];
  values: (string | number)[];
}

/**
 * The conditions of the filters given (an undefined value is no filter), on the table's columns as named, or
 * as `prefix`ed (`"a."` in a join).
 */
export function artifactConditions(
  filters: readonly [condition: string, value: string | number | undefined][],
  prefix = "",
): ArtifactConditions {
  const conditions: string[] = [];
  const values: (string | number)[] = [];
  for (const [condition, value] of filters) {
    if (value === undefined) continue;
    conditions.push(`${prefix}${condition}`);
    values.push(value);
  }
  return { conditions, values };
}

export function pageArtifactRows(
  sql: SqlStorage,
  filter: ArtifactConditions,
  { cursor, limit, order }: { cursor: string | undefined; limit: number; order: ArtifactOrder },
): Validated<Page<Artifact>> {
  if (order === "title") return pageByTitle(sql, filter, cursor, limit);
  const newest = order === "newest";
  const where = [...filter.conditions];
  const bound = [...filter.values];
  if (cursor !== undefined) {
    const key = decodeRowCursor(cursor);
    if (!key.ok) return key;
    where.push(newest ? "(created_at, rowid) < (?, ?)" : "(created_at, rowid) > (?, ?)");
    bound.push(...key.value);
  }
  const direction = newest ? "DESC" : "ASC";
  const rows = sql.exec<ArtifactRow & { row: number }>(
    `SELECT ${ARTIFACT_COLUMNS}, rowid AS row FROM artifacts ${whereOf(where)}
     ORDER BY created_at ${direction}, rowid ${direction} LIMIT ?`,
    ...bound,
    limit + 1,
  );
  const page = takePage(
    rows,
    limit,
    toArtifact,
    (row) => row.content.length,
    (row) => [row.created_at, String(row.row)],
  );
  return { ok: true, value: page };
}

/**
 * A page by title, A to Z with case ignored (then in creation order), counted by place: a title is up to 500
 * characters, too long for a cursor to carry as a key. Each page sorts the filter's rows again, which a session
 * of thousands does in milliseconds (no index on titles: every index costs each insert).
 */
function pageByTitle(
  sql: SqlStorage,
  { conditions, values }: ArtifactConditions,
  cursor: string | undefined,
  limit: number,
): Validated<Page<Artifact>> {
  let offset = 0;
  if (cursor !== undefined) {
    const decoded = decodeOffsetCursor(cursor, "title");
    if (!decoded.ok) return decoded;
    offset = decoded.value;
  }
  const rows = sql.exec<ArtifactRow>(
    `SELECT ${ARTIFACT_COLUMNS} FROM artifacts ${whereOf(conditions)}
     ORDER BY title COLLATE NOCASE, created_at, rowid LIMIT ? OFFSET ?`,
    ...values,
    limit + 1,
    offset,
  );
  // A row's key is its place: rows are taken in order, so the page's last key is where the next one starts.
  let place = offset;
  const page = takePage(
    rows,
    limit,
    toArtifact,
    (row) => row.content.length,
    () => [++place, "title"],
  );
  return { ok: true, value: page };
}

function whereOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}
