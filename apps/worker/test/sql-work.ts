/** Counting what statements ask of SQLite, so a test can compare the work of two sizes of input exactly. */

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
  const withOwn = <T extends object>(target: T, own: Record<string | symbol, unknown>) =>
    new Proxy(target, {
      get(object, key) {
        if (key in own) return own[key];
        const value = Reflect.get(object, key);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  return {
    storage: withOwn(storage, { sql: withOwn(storage.sql, { exec }) }),
    work: (): SqlWork => ({
      rowsRead: cursors.reduce((sum, cursor) => sum + cursor.rowsRead, 0),
      rowsWritten: cursors.reduce((sum, cursor) => sum + cursor.rowsWritten, 0),
      bound,
    }),
  };
}
