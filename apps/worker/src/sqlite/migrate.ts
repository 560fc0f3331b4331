/** Numbered, append-only schema migrations for an object's SQLite database; each runs once, in order. */
export type Migrations = readonly (readonly string[])[];

/** Whether the database was ever migrated: its bookkeeping table exists (reading it stores nothing). */
export function isCreated(storage: DurableObjectStorage): boolean {
  return (
    storage.sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .toArray().length > 0
  );
}

/** Brings the database up to the newest schema; each migration is one transaction with its bookkeeping. */
export function migrate(storage: DurableObjectStorage, migrations: Migrations): void {
  const sql = storage.sql;
  sql.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied =
    sql.exec<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations").one()
      .version ?? 0;
  migrations.forEach((statements, i) => {
    const version = i + 1;
    if (version <= applied) return;
    storage.transactionSync(() => {
      for (const statement of statements) sql.exec(statement);
      sql.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, Date.now());
    });
  });
}
