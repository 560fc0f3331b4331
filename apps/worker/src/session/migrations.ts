/** The session database's schema, as numbered, append-only migrations; each runs once, in order. */
export const MIGRATIONS: readonly (readonly string[])[] = [
  // 1: the tables of the walking skeleton (their columns never change).
  [
    `CREATE TABLE IF NOT EXISTS chat_messages (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
      role TEXT NOT NULL, content TEXT NOT NULL, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)`,
    `CREATE TABLE IF NOT EXISTS artifacts (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, message_id TEXT,
      title TEXT NOT NULL, description TEXT, type TEXT NOT NULL, content TEXT NOT NULL, language TEXT,
      metadata TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
  ],
  // 2: message status and millisecond times, artifact versions, and an index for every query the API makes.
  [
    `ALTER TABLE chat_messages ADD COLUMN status TEXT NOT NULL DEFAULT 'complete'`,
    `ALTER TABLE chat_messages ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE artifacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
    `CREATE INDEX IF NOT EXISTS chat_messages_by_session ON chat_messages (session_id, id)`,
    `CREATE INDEX IF NOT EXISTS artifacts_by_session ON artifacts (session_id, created_at)`,
    `CREATE INDEX IF NOT EXISTS artifacts_by_message ON artifacts (session_id, message_id, created_at)`,
    `CREATE INDEX IF NOT EXISTS artifacts_by_type ON artifacts (session_id, type, created_at)`,
    `CREATE INDEX IF NOT EXISTS artifacts_by_language ON artifacts (session_id, language, created_at)`,
  ],
  // 3: every index costs each insert (a 1 MiB answer of tiny blocks is 75,000 of them): the type and language
  // filters read the session's artifacts in order instead, which a session of thousands does in milliseconds.
  [`DROP INDEX IF EXISTS artifacts_by_type`, `DROP INDEX IF EXISTS artifacts_by_language`],
];

/** Whether the session was ever created: its schema exists (reading it stores nothing). */
export function isCreated(storage: DurableObjectStorage): boolean {
  return (
    storage.sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .toArray().length > 0
  );
}

/** Brings the database up to the newest schema; each migration is one transaction with its bookkeeping. */
export function migrate(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  sql.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied =
    sql.exec<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations").one()
      .version ?? 0;
  MIGRATIONS.forEach((statements, i) => {
    const version = i + 1;
    if (version <= applied) return;
    storage.transactionSync(() => {
      for (const statement of statements) sql.exec(statement);
      sql.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, Date.now());
    });
  });
}
