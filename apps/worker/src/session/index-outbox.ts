/**
 * What the session's workspace has yet to hear: a key per changed artifact (or SESSION_KEY for the session's own
 * summary), written in the same transaction as the change, so nothing is lost when the workspace cannot be
 * reached. Draining sends each changed artifact as it now stands (a deleted one as its id) and deletes a key
 * only once delivered, and only if it did not change again meanwhile; a failed delivery is retried by an alarm,
 * with backoff, until it succeeds, so the workspace's index always converges.
 */
import { errorText, log } from "../observability/log.js";
import { SESSION_KEY, type SessionReport } from "../session-report.js";
import type { SessionStore } from "./store.js";

/** A report holds at most this many changes and (past its first artifact) this much content. */
const REPORT_KEYS = 2000;
const REPORT_CONTENT_CHARS = 4 * 1024 * 1024;
const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 60 * 1000;
/**
 * Changes are reported this long after the first of them: a burst of writes (the blocks of a streaming answer,
 * the batches of an import) makes one report, and the writer's answer goes out before the report's work starts.
 */
const REPORT_DELAY_MS = 100;
/** A change also arms an alarm this far off, in case the object stops before delivering it. */
const SAFETY_MS = 30 * 1000;

export interface OutboxOptions {
  store: SessionStore;
  ctx: DurableObjectState;
  deliver(report: SessionReport): Promise<void>;
}

/**
 * Marks changed keys in the outbox, inside the writer's transaction, then calls `onChange`, which starts
 * delivering them.
 */
export class OutboxMarks {
  /** Orders the marks: a mark newer than a delivered report stays. */
  private seq: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly sessionId: string,
    private readonly onChange: () => void,
  ) {
    this.seq = this.sql
      .exec<{ seq: number }>("SELECT COALESCE(MAX(seq), 0) AS seq FROM index_outbox")
      .one().seq;
  }

  mark(keys: readonly string[]): void {
    const seq = ++this.seq;
    if (keys.length === 1) {
      this.sql.exec(
        "INSERT INTO index_outbox (key, seq) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seq = excluded.seq",
        keys[0],
        seq,
      );
    } else {
      this.sql.exec(
        `INSERT INTO index_outbox (key, seq) SELECT value, ? FROM json_each(?) WHERE true
         ON CONFLICT (key) DO UPDATE SET seq = excluded.seq`,
        seq,
        JSON.stringify(keys),
      );
    }
    this.onChange();
  }

  /** Marks every artifact and the summary, as for a workspace that has never heard of the session; answers how many. */
  markAll(): number {
    const seq = ++this.seq;
    this.sql.exec(
      `INSERT INTO index_outbox (key, seq) SELECT id, ? FROM artifacts WHERE session_id = ?
       ON CONFLICT (key) DO UPDATE SET seq = excluded.seq`,
      seq,
      this.sessionId,
    );
    this.mark([SESSION_KEY]);
    return this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM artifacts WHERE session_id = ?", this.sessionId)
      .one().n;
  }

  /** Marks the ids of no artifact here, so they are reported deleted (a repair of the workspace's index). */
  markMissing(ids: readonly string[]): void {
    const missing = this.sql
      .exec<{ id: string }>(
        "SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM artifacts WHERE session_id = ?)",
        JSON.stringify(ids),
        this.sessionId,
      )
      .toArray()
      .map((row) => row.id);
    if (missing.length > 0) this.mark(missing);
  }
}

export class IndexOutbox {
  private draining: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private armed = false;
  private scheduled = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Something was marked: deliver it shortly (REPORT_DELAY_MS), without anyone waiting for it. */
  changed(): void {
    const { ctx } = this.options;
    if (!this.armed) {
      this.armed = true;
      void ctx.storage.setAlarm(Date.now() + SAFETY_MS);
    }
    if (this.scheduled) return;
    this.scheduled = true;
    ctx.waitUntil(
      new Promise<void>((resolve) => setTimeout(resolve, REPORT_DELAY_MS)).then(() => {
        this.scheduled = false;
        return this.drain();
      }),
    );
  }

  /** The alarm rang: a retry, or the safety net. */
  async alarm(): Promise<void> {
    this.armed = false;
    await this.drain();
  }

  /** Delivers every pending change; on failure, sets the alarm that tries again. Never throws. */
  drain(): Promise<void> {
    this.draining ??= this.deliverAll().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** The session is being deleted: nothing more is sent, and no alarm is set. */
  stop(): void {
    this.stopped = true;
  }

  pending(): number {
    return this.options.ctx.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM index_outbox").one().n;
  }

  private async deliverAll(): Promise<void> {
    try {
      while (!this.stopped && (await this.deliverBatch())) {
        // Keys written while a report was on its way are picked up by the next round.
      }
      this.failures = 0;
    } catch (error) {
      if (this.stopped) return;
      this.failures++;
      const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** (this.failures - 1));
      log({
        event: "index.retry",
        session: this.options.store.sessionId,
        ms: delay,
        error: errorText(error),
      });
      this.armed = true;
      await this.options.ctx.storage.setAlarm(Date.now() + delay);
    }
  }

  /** Sends one report; whether there was anything to send. */
  private async deliverBatch(): Promise<boolean> {
    const { store } = this.options;
    const { storage } = this.options.ctx;
    const keys = storage.sql
      .exec<{ key: string; seq: number }>("SELECT key, seq FROM index_outbox LIMIT ?", REPORT_KEYS)
      .toArray();
    if (keys.length === 0) return false;
    const report: SessionReport = {
      sessionId: store.sessionId,
      activity: store.activity(),
      upserts: [],
      deletes: [],
    };
    let latestChange = 0;
    const sent: { key: string; seq: number }[] = [];
    const artifacts = store.artifacts.byIds(keys.map((entry) => entry.key));
    let chars = 0;
    for (const entry of keys) {
      if (entry.key !== SESSION_KEY) {
        const artifact = artifacts.get(entry.key);
        if (artifact && report.upserts.length > 0 && chars + artifact.content.length > REPORT_CONTENT_CHARS) {
          break;
        }
        if (artifact) {
          report.upserts.push(artifact);
          chars += artifact.content.length;
          latestChange = Math.max(latestChange, artifact.updatedAt);
        } else report.deletes.push(entry.key);
      }
      sent.push(entry);
    }
    // The artifacts' part of the last activity is the latest change reported (the workspace keeps the latest of
    // all its reports): reading it off the whole table scanned every artifact of the session at each report.
    report.activity.lastActivityAt = Math.max(report.activity.lastActivityAt, latestChange);
    await this.options.deliver(report);
    if (this.stopped) return false;
    // A key marked again while the report was on its way has a newer seq than any sent, and stays.
    const newest = Math.max(...sent.map((entry) => entry.seq));
    storage.sql.exec(
      "DELETE FROM index_outbox WHERE key IN (SELECT value FROM json_each(?)) AND seq <= ?",
      JSON.stringify(sent.map((entry) => entry.key)),
      newest,
    );
    return true;
  }
}
