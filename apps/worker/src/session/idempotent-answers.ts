/**
 * Answers imported under an `Idempotency-Key` (`POST /api/sessions/:id/messages`): the key is stored in the same
 * transaction as the answer, with what the first response held (its message, the ids of its first page, the
 * count and the cursor of the rest), so a retry after any failure, even one after the commit, answers that
 * response again and stores nothing twice. Keys are kept a day, as Stripe's are.
 */
import type { ImportMessageResponse, ProtocolError, Validated } from "@folio/protocol";
import { IDEMPOTENCY_KEPT_MS, type Idempotency, KEY_REUSED } from "../idempotency/key.js";
import type { SessionStore } from "./store.js";

export class IdempotentAnswers {
  constructor(
    private readonly sql: SqlStorage,
    private readonly store: SessionStore,
  ) {}

  /**
   * The first response of a request made under this key, again; `null` when the key is new. The same key with
   * another request is refused: a client reusing keys would otherwise be told an answer it never sent was stored.
   */
  replay({ key, fingerprint }: Idempotency): Validated<ImportMessageResponse> | null {
    const row = this.sql
      .exec<{
        fingerprint: string;
        message_id: string;
        artifact_ids: string;
        artifact_count: number;
        next_cursor: string | null;
      }>(
        "SELECT fingerprint, message_id, artifact_ids, artifact_count, next_cursor FROM idempotent_answers WHERE key = ? AND created_at > ?",
        key,
        Date.now() - IDEMPOTENCY_KEPT_MS,
      )
      .toArray()[0];
    if (!row) return null;
    if (row.fingerprint !== fingerprint) return { ok: false, error: KEY_REUSED };
    const message = this.store.messages.get(row.message_id);
    if (!message) return { ok: false, error: GONE };
    const ids = JSON.parse(row.artifact_ids) as string[];
    const found = this.store.artifacts.byIds(ids);
    const artifacts = ids.flatMap((id) => found.get(id) ?? []);
    return {
      ok: true,
      value: { message, artifacts, artifactCount: row.artifact_count, nextCursor: row.next_cursor },
    };
  }

  /** Remembers the response made under a key; the caller holds the transaction that stored the answer. */
  remember({ key, fingerprint }: Idempotency, response: ImportMessageResponse): void {
    const now = Date.now();
    this.sql.exec("DELETE FROM idempotent_answers WHERE created_at <= ?", now - IDEMPOTENCY_KEPT_MS);
    this.sql.exec(
      `INSERT INTO idempotent_answers (key, fingerprint, message_id, artifact_ids, artifact_count, next_cursor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      key,
      fingerprint,
      response.message.id,
      JSON.stringify(response.artifacts.map((artifact) => artifact.id)),
      response.artifactCount,
      response.nextCursor,
      now,
    );
  }
}

const GONE: ProtocolError = {
  code: "conflict",
  message: "the answer first stored under this Idempotency-Key has been deleted since",
};
