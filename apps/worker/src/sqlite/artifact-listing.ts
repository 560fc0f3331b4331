/**
 * Listing an `artifacts` table (a session's, or a workspace's index): the conditions of a filter, and a page in
 * creation order (rows of one answer share a time and keep its order by rowid), newest or oldest first.
 */
import type { Artifact, Validated } from "@folio/protocol";
import { decodeRowCursor, type Page, takePage } from "../paging/page.js";
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
  { conditions, values }: ArtifactConditions,
  { cursor, limit, newest }: { cursor: string | undefined; limit: number; newest: boolean },
): Validated<Page<Artifact>> {
  const where = [...conditions];
  const bound = [...values];
  if (cursor !== undefined) {
    const key = decodeRowCursor(cursor);
    if (!key.ok) return key;
    where.push(newest ? "(created_at, rowid) < (?, ?)" : "(created_at, rowid) > (?, ?)");
    bound.push(...key.value);
  }
  const direction = newest ? "DESC" : "ASC";
  const rows = sql.exec<ArtifactRow & { row: number }>(
    `SELECT ${ARTIFACT_COLUMNS}, rowid AS row FROM artifacts ${where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`}
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
