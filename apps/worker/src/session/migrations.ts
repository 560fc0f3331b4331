/** The session database's schema, as numbered, append-only migrations (see sqlite/migrate.ts). */
import { CREATE_FTS } from "../search/fts-schema.js";
import type { Migrations } from "../sqlite/migrate.js";

export const MIGRATIONS: Migrations = [
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
  // 4: the workspace that owns the session, and the changes its index has yet to hear of (drained by an alarm
  // until delivered). A key is an artifact's id, or SESSION_KEY for the session's own summary.
  [
    `CREATE TABLE IF NOT EXISTS session_owner (workspace_id TEXT NOT NULL, adopted_at INTEGER NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS index_outbox (key TEXT PRIMARY KEY, seq INTEGER NOT NULL)`,
  ],
  // 5: versions, append-only. The artifacts row is the current version (with what made it); every earlier one
  // is a row here, as it was, numbered.
  [
    `ALTER TABLE artifacts ADD COLUMN source TEXT NOT NULL DEFAULT 'model'`,
    `ALTER TABLE artifacts ADD COLUMN version_message_id TEXT`,
    `ALTER TABLE artifacts ADD COLUMN restored_from INTEGER`,
    `CREATE TABLE IF NOT EXISTS artifact_versions (artifact_id TEXT NOT NULL, version INTEGER NOT NULL,
      title TEXT NOT NULL, description TEXT, type TEXT NOT NULL, content TEXT NOT NULL, language TEXT, metadata TEXT,
      created_at INTEGER NOT NULL, source TEXT NOT NULL, message_id TEXT, restored_from INTEGER,
      PRIMARY KEY (artifact_id, version))`,
  ],
  // 6: full-text search over the artifacts' current title, description and content (search/fts-schema.ts).
  CREATE_FTS,
  // 7: an earlier version's content may be stored deflated (sqlite/compressed-text.ts): then `content` is empty
  // and `content_z` holds it.
  [`ALTER TABLE artifact_versions ADD COLUMN content_z BLOB`],
  // 8: answers imported under an Idempotency-Key (idempotent-answers.ts): a retry finds the first answer's
  // message and first page instead of storing it twice.
  [
    `CREATE TABLE IF NOT EXISTS idempotent_answers (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
      message_id TEXT NOT NULL, artifact_ids TEXT NOT NULL, artifact_count INTEGER NOT NULL, next_cursor TEXT,
      created_at INTEGER NOT NULL)`,
  ],
  // 9: the import written into this session (a digest of what it brought), so the same import again answers what
  // it wrote instead of writing it twice.
  [
    `CREATE TABLE IF NOT EXISTS archive_import (digest TEXT NOT NULL, messages INTEGER NOT NULL,
      artifacts INTEGER NOT NULL, versions INTEGER NOT NULL)`,
  ],
];
