/** Everything an object's SQLite holds, as one string, so a test can say that a request changed nothing. */
import { runInDurableObject } from "cloudflare:test";

/** Tables the runtime keeps for itself, and FTS5's shadow tables (derived from the tables that are read). */
const SKIPPED = /^(_cf_|__|sqlite_)|_fts/;

export function storeDigest(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, (_, state) => {
    const { sql } = state.storage;
    const tables = sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .toArray()
      .map(({ name }) => name)
      .filter((name) => !SKIPPED.test(name));
    return tables
      .map((name) => `${name}: ${JSON.stringify(sql.exec(`SELECT * FROM "${name}"`).toArray(), bytesAsHex)}`)
      .join("\n");
  });
}

function bytesAsHex(_key: string, value: unknown): unknown {
  if (!(value instanceof ArrayBuffer)) return value;
  return [...new Uint8Array(value)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
