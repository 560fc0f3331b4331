/**
 * A page of a listing: at most `limit` items, and fewer when their content would pass PAGE_CONTENT_CHARS (a page
 * of 100 artifacts of 1 MiB would be 100 MiB), with the cursor of the next page, or null on the last.
 */
import type { Validated } from "@folio/protocol";
import { type CursorKey, decodeCursor, encodeCursor } from "./cursor.js";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a caller asks of a listing: where to go on from, and how many at most. */
export interface PageQuery {
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const PAGE_CONTENT_CHARS = 8 * 1024 * 1024;

/**
 * Takes a page from rows read in order, `limit + 1` of them asked for (the extra one says there is more); the
 * first row is always taken, whatever its size, so a listing always moves on.
 */
export function takePage<Row, Item>(
  rows: Iterable<Row>,
  limit: number,
  item: (row: Row) => Item,
  chars: (row: Row) => number,
  keyOf: (row: Row) => CursorKey,
): Page<Item> {
  const items: Item[] = [];
  let size = 0;
  let last: CursorKey | null = null;
  for (const row of rows) {
    const rowChars = chars(row);
    if (items.length === limit || (items.length > 0 && size + rowChars > PAGE_CONTENT_CHARS)) {
      return { items, nextCursor: last === null ? null : encodeCursor(last) };
    }
    items.push(item(row));
    size += rowChars;
    last = keyOf(row);
  }
  return { items, nextCursor: null };
}

/** A cursor of a listing ordered by (time, rowid): the key of the last row of the page before. */
export function decodeRowCursor(cursor: string): Validated<[number, number]> {
  const key = decodeCursor(cursor);
  if (!key.ok) return key;
  const [time, row] = key.value;
  if (!/^\d{1,15}$/.test(row)) return notIssued();
  return { ok: true, value: [time, Number(row)] };
}

/** A search's cursor: how many results the pages before held. */
export function offsetCursor(offset: number): string {
  return encodeCursor([offset, "offset"]);
}

/**
 * A cursor counted by place: a search's (`offset`), or a listing's by title (`title`); a cursor of one kind is
 * not one of the other.
 */
export function decodeOffsetCursor(cursor: string, kind: OffsetKind = "offset"): Validated<number> {
  const key = decodeCursor(cursor);
  if (!key.ok) return key;
  const [offset, found] = key.value;
  return found === kind && offset >= 0 ? { ok: true, value: offset } : notIssued();
}

type OffsetKind = "offset" | "title";

function notIssued(): Validated<never> {
  return {
    ok: false,
    error: { code: "invalid_message", message: "cursor: not a cursor this server issued" },
  };
}
