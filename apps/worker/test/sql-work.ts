/**
 * A Durable Object's storage with its statements watched: counted (so a test compares the work of two sizes of
 * input exactly), or held to production's cap on a value (which the local runtime does not apply).
 */

/** What an answer's statements asked of SQLite: rows read and written, and the text and bytes bound to them. */
export interface SqlWork {
  rowsRead: number;
  rowsWritten: number;
  bound: number;
}

/** The object's storage, counting its statements' work; `work()` sums it once their cursors are read. */
export function countingStorage(storage: DurableObjectStorage) {
  const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
  let bound = 0;
  const exec = (query: string, ...bindings: unknown[]) => {
    for (const value of bindings) {
      if (typeof value === "string") bound += value.length;
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) bound += value.byteLength;
    }
    const cursor = storage.sql.exec(query, ...bindings);
    cursors.push(cursor);
    return cursor;
  };
  return {
    storage: withExec(storage, exec),
    work: (): SqlWork => ({
      rowsRead: cursors.reduce((sum, cursor) => sum + cursor.rowsRead, 0),
      rowsWritten: cursors.reduce((sum, cursor) => sum + cursor.rowsWritten, 0),
      bound,
    }),
  };
}

/** Production's cap on one SQLite value (string or blob) in a Durable Object. */
const SQLITE_VALUE_BYTES = 2_000_000;

/** The storage with production's value cap applied to every statement's bound values, as production fails. */
export function cappedStorage(storage: DurableObjectStorage): DurableObjectStorage {
  return withExec(storage, (query: string, ...bindings: unknown[]) => {
    for (const value of bindings) {
      if (typeof value === "string" && new TextEncoder().encode(value).length > SQLITE_VALUE_BYTES) {
        throw new Error("string or blob too big: SQLITE_TOOBIG");
      }
    }
    return storage.sql.exec(query, ...bindings);
  });
}

/** The storage, its `sql.exec` replaced; every other method bound to its own object (they refuse another `this`). */
function withExec(storage: DurableObjectStorage, exec: (query: string, ...bindings: unknown[]) => unknown) {
  const withOwn = <T extends object>(target: T, own: Record<string | symbol, unknown>): T =>
    new Proxy(target, {
      get(object, key) {
        if (key in own) return own[key];
        const value = Reflect.get(object, key);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  return withOwn(storage, { sql: withOwn(storage.sql, { exec }) });
}
