/** The workspace database's schema, as numbered, append-only migrations (see sqlite/migrate.ts). */
import { CREATE_FTS } from "../search/fts-schema.js";
import type { Migrations } from "../sqlite/migrate.js";

export const MIGRATIONS: Migrations = [
  // 1: its sessions (a title set by a rename, else the gist of the first message), the sessions it deleted
  // (so a late report from one adds nothing back), an index of every artifact of its sessions, and the
  // credentials that open it, stored hashed.
  [
    `CREATE TABLE sessions (id TEXT PRIMARY KEY, title TEXT, gist TEXT, created_at INTEGER NOT NULL,
      last_activity_at INTEGER NOT NULL, message_count INTEGER NOT NULL DEFAULT 0,
      artifact_count INTEGER NOT NULL DEFAULT 0)`,
    `CREATE INDEX sessions_by_activity ON sessions (last_activity_at, id)`,
    `CREATE TABLE removed_sessions (id TEXT PRIMARY KEY, removed_at INTEGER NOT NULL)`,
    `CREATE TABLE artifacts (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, message_id TEXT, title TEXT NOT NULL,
      description TEXT, type TEXT NOT NULL, content TEXT NOT NULL, language TEXT, metadata TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, version INTEGER NOT NULL)`,
    // Listings order by (created_at, rowid): rows of one answer share a time, and keep its order by rowid, which
    // every index ends with.
    `CREATE INDEX artifacts_by_time ON artifacts (created_at)`,
    `CREATE INDEX artifacts_by_session ON artifacts (session_id, created_at)`,
    `CREATE INDEX artifacts_by_type ON artifacts (type, created_at)`,
    `CREATE INDEX artifacts_by_language ON artifacts (language, created_at)`,
    `CREATE TABLE credentials (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT, secret_hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL, last_used_at INTEGER)`,
    `CREATE TABLE device_links (secret_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)`,
  ],
  // 2: full-text search over the index's artifacts (search/fts-schema.ts).
  CREATE_FTS,
  // 3: collections, and which artifacts each holds (an artifact in any number of them).
  [
    `CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
    `CREATE UNIQUE INDEX collections_by_name ON collections (name COLLATE NOCASE)`,
    `CREATE TABLE collection_items (collection_id TEXT NOT NULL, artifact_id TEXT NOT NULL, added_at INTEGER NOT NULL,
      PRIMARY KEY (collection_id, artifact_id)) WITHOUT ROWID`,
    `CREATE INDEX collection_items_by_artifact ON collection_items (artifact_id)`,
  ],
  // 4: share links: what each shows, and the hash of its secret.
  [
    `CREATE TABLE shares (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
      session_id TEXT NOT NULL, artifact_id TEXT, version INTEGER, title TEXT NOT NULL, created_at INTEGER NOT NULL,
      last_opened_at INTEGER)`,
  ],
  // 5: what each import brought in: its origin (a Folio export's session, a ChatGPT conversation, a transcript's
  // hash), a digest of what was imported, and the session it became.
  [
    `CREATE TABLE imports (origin TEXT PRIMARY KEY, digest TEXT NOT NULL, session_id TEXT NOT NULL,
      imported_at INTEGER NOT NULL)`,
  ],
  // 6: the workspace's settings, one row per setting (a JSON value).
  [`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`],
  // 7: usage counters, per artifact and kind (view, preview, copy, download, edit).
  [
    `CREATE TABLE artifact_usage (artifact_id TEXT NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (artifact_id, kind)) WITHOUT ROWID`,
  ],
  // 8: an import of an origin is reserved before its session is written (archive.ts): a retry or a race finds the
  // session the first made instead of making another.
  [`ALTER TABLE imports ADD COLUMN state TEXT NOT NULL DEFAULT 'done'`],
  // 9: the first results of creating requests made under an Idempotency-Key (idempotency/sealed-results.ts),
  // found by a hash of the key and sealed under it; `sealed` is null while the first request is under way.
  [
    `CREATE TABLE idempotent_requests (lookup TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, sealed BLOB,
      created_at INTEGER NOT NULL)`,
  ],
];
