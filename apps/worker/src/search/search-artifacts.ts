/**
 * Ranked full-text search over an `artifacts` table and its index (fts-schema.ts): a session's, or a
 * workspace's. Two statements: the first ranks every match (BM25; a title match weighs most, then the
 * description, then the content) and takes a page of row ids; the second reads just that page's rows, whose
 * snippets are cut here (snippet.ts).
 */
import type { SearchResult, Validated } from "@folio/protocol";
import { decodeOffsetCursor, offsetCursor, type Page, takePage } from "../paging/page.js";
import type { ArtifactConditions } from "../sqlite/artifact-listing.js";
import { ARTIFACT_COLUMNS, type ArtifactRow, toArtifact } from "../sqlite/artifact-rows.js";
import { FTS_TABLE } from "./fts-schema.js";
import { matchExpression } from "./match-expression.js";
import { cutSnippet, wordMatcher } from "./snippet.js";

/** BM25 weights of title, description and content. */
const WEIGHTS = "10.0, 4.0, 1.0";

export interface SearchRequest {
  text: string;
  limit: number;
  cursor?: string | undefined;
}

export function searchArtifacts(
  sql: SqlStorage,
  { text, limit, cursor }: SearchRequest,
  /** On the artifacts as `a` (artifact-listing.ts). */
  filter: ArtifactConditions,
): Validated<Page<SearchResult>> {
  const offset = cursor === undefined ? { ok: true as const, value: 0 } : decodeOffsetCursor(cursor);
  if (!offset.ok) return offset;
  const match = matchExpression(text);
  if (match === null) return { ok: true, value: { items: [], nextCursor: null } };
  const where = [`${FTS_TABLE} MATCH ?`, ...filter.conditions].join(" AND ");
  const ranked = sql
    .exec<{ row: number; score: number }>(
      `SELECT a.rowid AS row, bm25(${FTS_TABLE}, ${WEIGHTS}) AS score
       FROM ${FTS_TABLE} JOIN artifacts a ON a.rowid = ${FTS_TABLE}.rowid
       WHERE ${where} ORDER BY score, a.rowid LIMIT ? OFFSET ?`,
      match,
      ...filter.values,
      limit + 1,
      offset.value,
    )
    .toArray();
  if (ranked.length === 0) return { ok: true, value: { items: [], nextCursor: null } };
  const rows = new Map<number, ArtifactRow>();
  for (const row of sql.exec<ArtifactRow & { row: number }>(
    `SELECT ${ARTIFACT_COLUMNS}, rowid AS row FROM artifacts WHERE rowid IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ranked.map((hit) => hit.row)),
  )) {
    rows.set(row.row, row);
  }
  // A row deleted between the two statements cannot be (one object runs one request at a time), but a result
  // is only what the second statement read.
  const hits = ranked.flatMap((hit) => {
    const row = rows.get(hit.row);
    return row ? [{ hit, row }] : [];
  });
  const matches = wordMatcher(text);
  const page = takePage(
    hits,
    limit,
    ({ hit, row }): SearchResult => ({
      artifact: toArtifact(row),
      ...cutSnippet([row.content, row.description, row.title], matches),
      rank: -hit.score,
    }),
    ({ row }) => row.content.length,
    // Only whether there is more matters here: the next page starts where this one ends.
    () => [0, ""],
  );
  const nextCursor = page.nextCursor === null ? null : offsetCursor(offset.value + page.items.length);
  return { ok: true, value: { items: page.items, nextCursor } };
}
