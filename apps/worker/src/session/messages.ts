/** The session's messages (`chat_messages`); each write marks the session's summary in the index outbox. */
import {
  DEFAULT_PAGE,
  type Message,
  type MessageRole,
  type MessageStatus,
  type Validated,
} from "@folio/protocol";
import { decodeRowCursor, type Page, type PageQuery, takePage } from "../paging/page.js";
import { SESSION_KEY } from "../session-report.js";
import type { OutboxMarks } from "./index-outbox.js";

type MessageRow = {
  id: number;
  session_id: string;
  role: string;
  content: string;
  status: string;
  created_at: number;
};

/** Messages a history read asks for at once (each read only when taken). */
const HISTORY_PAGE = 32;

const MESSAGE_COLUMNS = "id, session_id, role, content, status, created_at";

/** A session's gist (its title until renamed): the start of its first message, on one line. */
const GIST_CHARS = 80;

/** What the workspace's summary of the session takes from its messages. */
export interface MessagesSummary {
  count: number;
  first: number | null;
  last: number | null;
  gist: string | null;
}

export class Messages {
  constructor(
    private readonly sql: SqlStorage,
    private readonly sessionId: string,
    private readonly marks: OutboxMarks,
  ) {}

  /** A page of the session's messages, oldest first. */
  page({ cursor, limit = DEFAULT_PAGE }: PageQuery): Validated<Page<Message>> {
    let after = 0;
    if (cursor !== undefined) {
      const key = decodeRowCursor(cursor);
      if (!key.ok) return key;
      after = key.value[1];
    }
    const rows = this.sql.exec<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?`,
      this.sessionId,
      after,
      limit + 1,
    );
    const page = takePage(
      rows,
      limit,
      toMessage,
      (row) => row.content.length,
      (row) => [row.created_at, String(row.id)],
    );
    return { ok: true, value: page };
  }

  /**
   * The messages newest first, read a page at a time as the caller takes them: the history a model is shown
   * stops at its budget, so a chat reads what its context holds, not the whole session.
   */
  *newest(): Generator<Message> {
    let before = Number.MAX_SAFE_INTEGER;
    for (;;) {
      // Rows are read as they are taken: a caller that stops mid-page reads no more of it.
      const rows = this.sql.exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
        this.sessionId,
        before,
        HISTORY_PAGE,
      );
      let read = 0;
      for (const row of rows) {
        read++;
        before = row.id;
        yield toMessage(row);
      }
      if (read < HISTORY_PAGE) return;
    }
  }

  get(id: string): Message | null {
    const row = this.sql
      .exec<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = ? AND id = ?`,
        this.sessionId,
        Number(id),
      )
      .toArray()[0];
    return row ? toMessage(row) : null;
  }

  insert(role: MessageRole, content: string, status: MessageStatus, createdAt = Date.now()): Message {
    const row = this.sql
      .exec<MessageRow>(
        `INSERT INTO chat_messages (session_id, role, content, status, created_at) VALUES (?, ?, ?, ?, ?)
         RETURNING ${MESSAGE_COLUMNS}`,
        this.sessionId,
        role,
        content,
        status,
        createdAt,
      )
      .one();
    this.marks.mark([SESSION_KEY]);
    return toMessage(row);
  }

  update(id: string, content: string, status: MessageStatus): Message {
    const row = this.sql
      .exec<MessageRow>(
        `UPDATE chat_messages SET content = ?, status = ? WHERE session_id = ? AND id = ? RETURNING ${MESSAGE_COLUMNS}`,
        content,
        status,
        this.sessionId,
        Number(id),
      )
      .one();
    this.marks.mark([SESSION_KEY]);
    return toMessage(row);
  }

  /** Sets a message's status alone, keeping its last stored content (an answer whose final write failed). */
  setStatus(id: string, status: MessageStatus): void {
    this.sql.exec(
      "UPDATE chat_messages SET status = ? WHERE session_id = ? AND id = ?",
      status,
      this.sessionId,
      Number(id),
    );
    this.marks.mark([SESSION_KEY]);
  }

  /** Marks answers still streaming as failed (they were cut off when the object stopped); answers how many. */
  markInterrupted(): number {
    const cut = this.sql
      .exec(
        "UPDATE chat_messages SET status = 'error' WHERE session_id = ? AND status = 'streaming' RETURNING id",
        this.sessionId,
      )
      .toArray().length;
    if (cut > 0) this.marks.mark([SESSION_KEY]);
    return cut;
  }

  /** How many messages there are, when the first and last were written, and the gist of the first. */
  summary(): MessagesSummary {
    const messages = this.sql
      .exec<{ n: number; first: number | null; last: number | null }>(
        "SELECT COUNT(*) AS n, MIN(created_at) AS first, MAX(created_at) AS last FROM chat_messages WHERE session_id = ?",
        this.sessionId,
      )
      .one();
    const first = this.sql
      .exec<{ start: string }>(
        `SELECT substr(content, 1, 400) AS start FROM chat_messages WHERE session_id = ? AND content != ''
         ORDER BY id LIMIT 1`,
        this.sessionId,
      )
      .toArray()[0]?.start;
    return {
      count: messages.n,
      first: messages.first,
      last: messages.last,
      gist: first === undefined ? null : gistOf(first),
    };
  }

  /** The ids of up to `limit` of the oldest messages, never an answer still streaming (retention's). */
  prunable(limit: number): number[] {
    return this.sql
      .exec<{ id: number }>(
        "SELECT id FROM chat_messages WHERE session_id = ? AND status != 'streaming' ORDER BY id LIMIT ?",
        this.sessionId,
        limit,
      )
      .toArray()
      .map((row) => row.id);
  }

  delete(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.sql.exec(
      "DELETE FROM chat_messages WHERE id IN (SELECT value FROM json_each(?))",
      JSON.stringify(ids),
    );
    this.marks.mark([SESSION_KEY]);
  }
}

function toMessage(row: MessageRow): Message {
  return {
    id: String(row.id),
    sessionId: row.session_id,
    role: row.role as MessageRole,
    content: row.content,
    createdAt: row.created_at,
    status: row.status as MessageStatus,
  };
}

function gistOf(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= GIST_CHARS ? line : `${line.slice(0, GIST_CHARS - 1).trimEnd()}…`;
}
