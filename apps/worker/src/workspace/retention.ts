/**
 * Retention: when a workspace keeps sessions only so many days (its own setting, else the deployment's
 * `RETENTION_DAYS`; off unless one is set), its alarm deletes the messages and artifacts of sessions idle longer
 * than that, a batch at a time, so no object is held for long. An artifact in a collection or shown by a share
 * link stays (and so does every artifact of a shared session); a session left with nothing is deleted.
 */
import type { WorkspaceSettings } from "@folio/protocol";
import { type FolioVariables, variablesOf } from "../env.js";

const DAY_MS = 24 * 3600_000;
/** Sessions looked at per run of the alarm, and messages or artifacts deleted from each per run. */
export const RETENTION_SESSIONS = 20;
export const RETENTION_BATCH = 500;
/** How soon the alarm runs again: at once while there is more to delete, else in an hour. */
export const RETENTION_AGAIN_MS = 1000;
export const RETENTION_IDLE_MS = 3600_000;

export class Retention {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  settings(defaultDays: number | null): WorkspaceSettings {
    const row = this.sql
      .exec<{ value: string }>("SELECT value FROM settings WHERE key = 'retention_days'")
      .toArray()[0];
    const chosen = row !== undefined;
    return {
      retentionDays: chosen ? (JSON.parse(row.value) as number | null) : defaultDays,
      retentionChosen: chosen,
      defaultRetentionDays: defaultDays,
    };
  }

  choose(days: number | null): void {
    this.sql.exec(
      `INSERT INTO settings (key, value) VALUES ('retention_days', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      JSON.stringify(days),
    );
  }

  /**
   * Sessions idle for `days` with something left to delete (more messages, or more artifacts than it keeps),
   * longest idle first, but for sessions a share link shows whole.
   */
  due(days: number, now = Date.now()): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT s.id FROM sessions s
         WHERE s.last_activity_at < ?
           AND s.id NOT IN (SELECT session_id FROM shares WHERE kind = 'session')
           AND (s.message_count > 0 OR s.artifact_count > (
             SELECT COUNT(*) FROM artifacts a WHERE a.session_id = s.id AND a.id IN (${KEPT})))
         ORDER BY s.last_activity_at LIMIT ?`,
        now - days * DAY_MS,
        RETENTION_SESSIONS,
      )
      .toArray()
      .map((row) => row.id);
  }

  /** A session's artifacts that stay: in a collection, or shown by a share link. */
  kept(sessionId: string): string[] {
    return this.sql
      .exec<{ id: string }>(`SELECT id FROM artifacts WHERE session_id = ? AND id IN (${KEPT})`, sessionId)
      .toArray()
      .map((row) => row.id);
  }
}

const KEPT = `SELECT artifact_id FROM collection_items
  UNION SELECT artifact_id FROM shares WHERE artifact_id IS NOT NULL`;

/** The deployment's default, from `RETENTION_DAYS` (unset, empty or not a positive number: off). */
export function defaultRetentionDays(env: Pick<FolioVariables, "RETENTION_DAYS">): number | null {
  return variablesOf(env).RETENTION_DAYS ?? null;
}
