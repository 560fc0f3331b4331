import type { Artifact, Message, ServerFrame } from "@folio/protocol";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { applyFrames, sessionKeys } from "./cache";

const SESSION = "s1";

const message = (id: string, content: string, status: Message["status"] = "complete"): Message => ({
  id,
  sessionId: SESSION,
  role: "assistant",
  content,
  createdAt: 1,
  status,
});

const artifact = (id: string, index: number, title = id, messageId = "2"): Artifact => ({
  id,
  sessionId: SESSION,
  messageId,
  title,
  description: null,
  type: "code",
  content: `${index}\n`,
  language: null,
  metadata: { index },
  createdAt: 1,
  updatedAt: 1,
  version: 1,
});

function cacheOf(client: QueryClient) {
  return {
    messages: client.getQueryData<Message[]>(sessionKeys.messages(SESSION)),
    artifacts: client.getQueryData<Artifact[]>(sessionKeys.artifacts(SESSION)),
    drafts: client.getQueryData(sessionKeys.drafts(SESSION)),
  };
}

/** Realistic sequences of frames: an answer streaming with its blocks, edits, deletes, listings. */
const SEQUENCES: [string, ServerFrame[]][] = [
  [
    "an answer with a block, streamed",
    [
      { type: "message", message: message("1", "Write it", "complete") },
      { type: "message_start", message: message("2", "", "streaming") },
      { type: "message_delta", messageId: "2", delta: "Here:\n\n" },
      { type: "artifact_open", messageId: "2", index: 0, info: "js", lang: "js" },
      { type: "artifact_delta", messageId: "2", index: 0, delta: "let a;\n" },
      { type: "artifact_created", artifact: artifact("a", 0) },
      { type: "artifact_open", messageId: "2", index: 1, info: "", lang: null },
      { type: "message_delta", messageId: "2", delta: "More" },
      {
        type: "message_done",
        message: message("2", "Here: … More"),
        artifacts: [artifact("a", 0), artifact("b", 1)],
      },
    ],
  ],
  [
    "edits, deletes and a re-added id",
    [
      { type: "artifact_created", artifact: artifact("a", 0) },
      { type: "artifact_created", artifact: artifact("b", 1) },
      { type: "artifact_updated", artifact: artifact("a", 0, "renamed") },
      { type: "artifact_deleted", artifactId: "a" },
      { type: "artifact_deleted", artifactId: "missing" },
      { type: "artifact_created", artifact: artifact("a", 0, "back") },
      { type: "message_delta", messageId: "nobody", delta: "ignored" },
    ],
  ],
  [
    "listings replace what came before, and later frames apply on top",
    [
      { type: "artifact_created", artifact: artifact("old", 0) },
      { type: "messages", messages: [message("1", "listed")], nextCursor: null },
      {
        type: "artifacts",
        sessionId: SESSION,
        artifacts: [artifact("x", 0), artifact("y", 1)],
        nextCursor: null,
      },
      { type: "artifacts", sessionId: SESSION, messageId: "1", artifacts: [], nextCursor: null },
      { type: "artifact_deleted", artifactId: "x" },
      { type: "message_delta", messageId: "1", delta: " and more" },
    ],
  ],
  [
    "a listing in pages: what no page brought is gone once the last is in, and frames between pages stay",
    [
      { type: "artifact_created", artifact: artifact("gone", 0) },
      { type: "artifact_created", artifact: artifact("x", 1, "stale") },
      { type: "artifacts", sessionId: SESSION, artifacts: [artifact("x", 1)], nextCursor: "c1" },
      { type: "artifact_created", artifact: artifact("new", 3) },
      {
        type: "artifacts",
        sessionId: SESSION,
        artifacts: [artifact("y", 2), artifact("new", 3)],
        cursor: "c1",
        nextCursor: null,
      },
      { type: "messages", messages: [message("2", "second")], nextCursor: "m1" },
      { type: "messages", messages: [message("1", "first")], cursor: "m1", nextCursor: null },
    ],
  ],
];

describe("applying frames to the session's cache", () => {
  it.each(SEQUENCES)("gives the same cache in one batch as one frame at a time: %s", (_name, frames) => {
    const oneByOne = new QueryClient();
    for (const frame of frames) applyFrames(oneByOne, SESSION, [frame]);
    const batched = new QueryClient();
    applyFrames(batched, SESSION, frames);
    expect(cacheOf(batched)).toEqual(cacheOf(oneByOne));
  });

  it("keeps order, replaces in place, and forgets deleted artifacts", () => {
    const client = new QueryClient();
    applyFrames(client, SESSION, SEQUENCES[1]?.[1] ?? []);
    expect(cacheOf(client).artifacts).toEqual([artifact("b", 1), artifact("a", 0, "back")]);
  });

  it("completes a listing that came in pages", () => {
    const client = new QueryClient();
    applyFrames(client, SESSION, SEQUENCES[3]?.[1] ?? []);
    const cache = cacheOf(client);
    expect(cache.artifacts?.map((a) => a.id)).toEqual(["x", "new", "y"]);
    expect(cache.artifacts?.[0]?.title).toBe("x");
    expect(cache.messages?.map((m) => m.id)).toEqual(["1", "2"]);
  });

  it("applies a burst of 100,000 saved blocks in linear time (quadratic would not finish in the test's time)", () => {
    const client = new QueryClient();
    const created: ServerFrame[] = Array.from({ length: 100_000 }, (_, i) => ({
      type: "artifact_created",
      artifact: artifact(`a${i}`, i),
    }));
    applyFrames(client, SESSION, created);
    const all = created.map((frame) => (frame.type === "artifact_created" ? frame.artifact : null));
    applyFrames(client, SESSION, [
      { type: "message_done", message: message("2", "done"), artifacts: all as Artifact[] },
    ]);
    const artifacts = client.getQueryData<Artifact[]>(sessionKeys.artifacts(SESSION)) ?? [];
    expect(artifacts).toHaveLength(100_000);
    expect(artifacts.at(-1)?.id).toBe("a99999");
  });
});
