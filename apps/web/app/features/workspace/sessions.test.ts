import type { SessionSummary } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { type SessionFrame, type SessionList, withFrame } from "./sessions";

const session = (id: string, lastActivityAt: number, title = id): SessionSummary => ({
  id,
  title,
  createdAt: 0,
  lastActivityAt,
  messageCount: 0,
  artifactCount: 0,
});

const list = (...sessions: SessionSummary[]): SessionList => ({ sessions, nextCursor: "more" });
const ids = (result: SessionList) => result.sessions.map((entry) => entry.id);

describe("the session list follows the workspace's frames", () => {
  const cases: [string, SessionList, SessionFrame, string[]][] = [
    [
      "a new session goes first",
      list(session("a", 2), session("b", 1)),
      { type: "session_changed", session: session("c", 3) },
      ["c", "a", "b"],
    ],
    [
      "a session with new activity moves up",
      list(session("a", 2), session("b", 1)),
      { type: "session_changed", session: session("b", 5) },
      ["b", "a"],
    ],
    [
      "a rename keeps the place",
      list(session("a", 2), session("b", 1)),
      { type: "session_changed", session: session("b", 1, "Renamed") },
      ["a", "b"],
    ],
    [
      "a deleted session leaves",
      list(session("a", 2), session("b", 1)),
      { type: "session_deleted", sessionId: "a" },
      ["b"],
    ],
    [
      "deleting an unknown session changes nothing",
      list(session("a", 2)),
      { type: "session_deleted", sessionId: "zz" },
      ["a"],
    ],
    [
      "ties are ordered by id, as the server orders them",
      list(session("a", 1)),
      { type: "session_changed", session: session("b", 1) },
      ["b", "a"],
    ],
  ];
  it.each(cases)("%s", (_, before, frame, after) => {
    const result = withFrame(before, frame);
    expect(ids(result)).toEqual(after);
    expect(result.nextCursor).toBe("more");
  });

  it("replaces a session's entry with the frame's", () => {
    const result = withFrame(list(session("a", 1, "Old")), {
      type: "session_changed",
      session: session("a", 1, "New"),
    });
    expect(result.sessions).toEqual([session("a", 1, "New")]);
  });
});
