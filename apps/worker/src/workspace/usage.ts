/**
 * Usage stats in the workspace's database: a counter per artifact and kind (view, preview, copy, download,
 * edit), and the workspace's figures, read from its index. Counts are best effort: an event that cannot be
 * delivered is not retried.
 */
import type { ArtifactUsage, UsageKind, WorkspaceStats } from "@folio/protocol";

const DAY_MS = 24 * 3600_000;
const TIMELINE_DAYS = 90;
const MOST_REUSED = 10;

const COUNTS = `COALESCE(SUM(CASE WHEN u.kind = 'view' THEN u.count END), 0) AS views,
  COALESCE(SUM(CASE WHEN u.kind = 'preview' THEN u.count END), 0) AS previews,
  COALESCE(SUM(CASE WHEN u.kind = 'copy' THEN u.count END), 0) AS copies,
  COALESCE(SUM(CASE WHEN u.kind = 'download' THEN u.count END), 0) AS downloads,
  COALESCE(SUM(CASE WHEN u.kind = 'edit' THEN u.count END), 0) AS edits`;

type UsageRow = Omit<ArtifactUsage, "artifactId" | "sessionId"> & { artifact_id: string; session_id: string };

export class Usage {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** Counts each event of an artifact the index holds in that session; answers how many were counted. */
  count(events: readonly { sessionId: string; artifactId: string; kind: UsageKind }[]): number {
    return this.storage.transactionSync(() => {
      let counted = 0;
      for (const { sessionId, artifactId, kind } of events) {
        const known = this.sql
          .exec("SELECT 1 FROM artifacts WHERE id = ? AND session_id = ?", artifactId, sessionId)
          .toArray().length;
        if (known === 0) continue;
        this.sql.exec(
          `INSERT INTO artifact_usage (artifact_id, kind, count) VALUES (?, ?, 1)
           ON CONFLICT (artifact_id, kind) DO UPDATE SET count = count + 1`,
          artifactId,
          kind,
        );
        counted++;
      }
      return counted;
    });
  }

  /** An artifact's counters, or null when the index does not hold it. */
  of(artifactId: string): ArtifactUsage | null {
    const row = this.sql
      .exec<UsageRow>(
        `SELECT a.id AS artifact_id, a.session_id, a.title, a.type, ${COUNTS}
         FROM artifacts a LEFT JOIN artifact_usage u ON u.artifact_id = a.id WHERE a.id = ? GROUP BY a.id`,
        artifactId,
      )
      .toArray()[0];
    return row ? toUsage(row) : null;
  }

  stats(now = Date.now()): WorkspaceStats {
    const one = <T>(query: string, ...values: (string | number)[]) =>
      this.sql.exec<T & Record<string, SqlStorageValue>>(query, ...values).one() as T;
    const all = <T>(query: string, ...values: (string | number)[]) =>
      this.sql.exec<T & Record<string, SqlStorageValue>>(query, ...values).toArray() as T[];
    const since = Math.floor(now / DAY_MS - TIMELINE_DAYS + 1) * DAY_MS;
    return {
      sessions: one<{ n: number }>("SELECT COUNT(*) AS n FROM sessions").n,
      artifacts: one<{ n: number }>("SELECT COUNT(*) AS n FROM artifacts").n,
      storage: {
        contentBytes: one<{ n: number }>(
          "SELECT COALESCE(SUM(length(CAST(content AS BLOB))), 0) AS n FROM artifacts",
        ).n,
        workspaceBytes: this.sql.databaseSize,
      },
      byType: all<{ type: WorkspaceStats["byType"][number]["type"]; count: number }>(
        "SELECT type, COUNT(*) AS count FROM artifacts GROUP BY type ORDER BY count DESC, type",
      ),
      byLanguage: all<{ language: string; count: number }>(
        `SELECT language, COUNT(*) AS count FROM artifacts WHERE language IS NOT NULL
         GROUP BY language ORDER BY count DESC, language`,
      ),
      timeline: all<WorkspaceStats["timeline"][number]>(
        `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS day, type, COUNT(*) AS count
         FROM artifacts WHERE created_at >= ? GROUP BY day, type ORDER BY day, type`,
        since,
      ),
      mostReused: all<UsageRow>(
        `SELECT a.id AS artifact_id, a.session_id, a.title, a.type, ${COUNTS}
         FROM artifact_usage u JOIN artifacts a ON a.id = u.artifact_id
         GROUP BY a.id HAVING copies + downloads + views > 0
         ORDER BY copies + downloads DESC, views DESC, a.id LIMIT ?`,
        MOST_REUSED,
      ).map(toUsage),
    };
  }

  /** Forgets deleted artifacts' counters. */
  forget(artifactIds: readonly string[]): void {
    this.sql.exec(
      "DELETE FROM artifact_usage WHERE artifact_id IN (SELECT value FROM json_each(?))",
      JSON.stringify(artifactIds),
    );
  }
}

function toUsage({ artifact_id, session_id, ...row }: UsageRow): ArtifactUsage {
  return { artifactId: artifact_id, sessionId: session_id, ...row };
}
