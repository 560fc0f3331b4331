import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Message } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { newSession } from "../../test/client.js";
import { HISTORY_BUDGET_CHARS, modelHistory } from "./history.js";
import { SessionStore } from "./store.js";

let nextId = 1;
function message(role: Message["role"], content: string, status: Message["status"] = "complete"): Message {
  return { id: String(nextId++), sessionId: "s", role, content, createdAt: nextId, status };
}

/** A conversation written in the order it happened, handed over as the store reads it: newest first. */
function newestFirst(...conversation: Message[]): Message[] {
  return conversation.reverse();
}

describe("modelHistory", () => {
  it("starts with the system prompt and keeps the conversation in order", () => {
    const history = modelHistory(
      newestFirst(message("user", "hi"), message("assistant", "hello"), message("user", "more")),
      "SYS",
    );
    expect(history).toEqual([
      { role: "system", content: "SYS" },
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "more" },
    ]);
  });

  it("drops the oldest messages beyond the character budget, but never the newest", () => {
    const old = message("user", "a".repeat(60));
    const answer = message("assistant", "b".repeat(30));
    const question = message("user", "c".repeat(50));
    expect(modelHistory(newestFirst(old, answer, question), "S", 100).map((m) => m.content.length)).toEqual([
      1, 30, 50,
    ]);
    expect(modelHistory([question], "S", 10).map((m) => m.content.length)).toEqual([1, 50]);
  });

  it("leaves out the answer being written and empty ones, keeps partial answers that were cut off", () => {
    const history = modelHistory(
      newestFirst(
        message("user", "q1"),
        message("assistant", "partial", "cancelled"),
        message("assistant", "", "error"),
        message("user", "q2"),
        message("assistant", "", "streaming"),
      ),
      "S",
    );
    expect(history.map((m) => m.content)).toEqual(["S", "q1", "partial", "q2"]);
  });
});

describe("the history read from a session", () => {
  it("reads only the newest messages the budget holds, however long the session", async () => {
    const sessionId = await newSession();
    const { history, everything, rowsRead } = await runInDurableObject(
      env.SESSION.getByName(sessionId),
      (_, state) => {
        // 300 messages of 10,000 characters: the budget holds the newest four.
        state.storage.sql.exec(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
           INSERT INTO chat_messages (session_id, role, content, status, created_at)
           SELECT ?, iif(i % 2, 'user', 'assistant'),
             printf('%03d', i) || substr(replace(hex(zeroblob(5000)), '0', 'x'), 4), 'complete', i
           FROM n`,
          sessionId,
        );
        // The store reads through this, which keeps every cursor to count the rows SQLite read for it.
        const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
        const exec = (query: string, ...bindings: unknown[]) => {
          const cursor = state.storage.sql.exec(query, ...bindings);
          cursors.push(cursor);
          return cursor;
        };
        const counted = { sql: { exec } } as unknown as DurableObjectStorage;
        const store = new SessionStore(counted, sessionId);
        cursors.length = 0;
        const history = modelHistory(store.messages.newest(), "S");
        // What the whole conversation gives, read apart from the store.
        const all = new SessionStore(state.storage, sessionId).messages.page({ limit: 500 });
        if (!all.ok || all.value.nextCursor !== null) throw new Error("expected one page of every message");
        const everything = modelHistory(all.value.items.reverse(), "S");
        return {
          history,
          everything,
          rowsRead: cursors.reduce((sum, cursor) => sum + cursor.rowsRead, 0),
        };
      },
    );
    expect(history).toEqual(everything);
    expect(history.map((m) => m.content.slice(0, 3))).toEqual(["S", "297", "298", "299", "300"]);
    expect(history.slice(1).reduce((sum, m) => sum + m.content.length, 0)).toBeLessThanOrEqual(
      HISTORY_BUDGET_CHARS,
    );
    // Of 300: the four taken, the one that did not fit, and one more that SQLite steps to ahead of the cursor.
    expect(rowsRead).toBeLessThanOrEqual(6);
  });
});
