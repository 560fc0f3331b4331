import type { Message } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { modelHistory } from "./history.js";

let nextId = 1;
function message(role: Message["role"], content: string, status: Message["status"] = "complete"): Message {
  return { id: String(nextId++), sessionId: "s", role, content, createdAt: nextId, status };
}

describe("modelHistory", () => {
  it("starts with the system prompt and keeps the conversation in order", () => {
    const history = modelHistory(
      [message("user", "hi"), message("assistant", "hello"), message("user", "more")],
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
    expect(modelHistory([old, answer, question], "S", 100).map((m) => m.content.length)).toEqual([1, 30, 50]);
    expect(modelHistory([question], "S", 10).map((m) => m.content.length)).toEqual([1, 50]);
  });

  it("leaves out the answer being written and empty ones, keeps partial answers that were cut off", () => {
    const history = modelHistory(
      [
        message("user", "q1"),
        message("assistant", "partial", "cancelled"),
        message("assistant", "", "error"),
        message("user", "q2"),
        message("assistant", "", "streaming"),
      ],
      "S",
    );
    expect(history.map((m) => m.content)).toEqual(["S", "q1", "partial", "q2"]);
  });
});
