import { describe, expect, it } from "vitest";
import {
  ArtifactsQuery,
  ImportMessageRequest,
  LIMITS,
  parseClientFrame,
  ServerFrame,
  utf8Length,
  utf8Prefix,
  validate,
} from "./index.js";

const frame = (value: unknown) => JSON.stringify(value);

describe("parseClientFrame accepts every client frame of the v1 contract", () => {
  it.each([
    [{ type: "chat", content: "Write a React counter" }],
    [{ type: "chat", content: "/echo hi", requestId: "r1" }],
    [{ type: "get_messages" }],
    [{ type: "get_artifacts", sessionId: "s1" }],
    [{ type: "get_artifacts", sessionId: "s1", messageId: "7" }],
    [{ type: "update_artifact", artifactId: "a1", updates: { title: "Counter.tsx" } }],
    [{ type: "update_artifact", artifactId: "a1", updates: { description: null, language: null } }],
    [{ type: "update_artifact", artifactId: "a1", updates: { metadata: { pinned: true } } }],
    [{ type: "delete_artifact", artifactId: "a1" }],
    [{ type: "cancel", messageId: "7" }],
  ])("%j", (value) => {
    const parsed = parseClientFrame(frame(value));
    expect(parsed).toEqual({ ok: true, frame: value });
  });
});

describe("parseClientFrame rejects bad input with a typed error", () => {
  it.each([
    ["a lone surrogate in content", '{"type":"chat","content":"hi \\ud800"}', "invalid_message"],
    [
      "a lone low surrogate in a title",
      '{"type":"update_artifact","artifactId":"a","updates":{"title":"\\udc00"}}',
      "invalid_message",
    ],
    [
      "a lone surrogate in a metadata key",
      '{"type":"update_artifact","artifactId":"a","updates":{"metadata":{"\\ud83d":1}}}',
      "invalid_message",
    ],
    ["malformed JSON", "{", "invalid_message"],
    ["a JSON array", "[]", "invalid_message"],
    ["a JSON string", '"chat"', "invalid_message"],
    ["an unknown type", frame({ type: "launch" }), "invalid_message"],
    ["a missing type", frame({ content: "hi" }), "invalid_message"],
    ["a wrong field type", frame({ type: "chat", content: 42 }), "invalid_message"],
    ["an empty chat", frame({ type: "chat", content: "" }), "invalid_message"],
    ["an unknown field", frame({ type: "get_messages", admin: true }), "invalid_message"],
    [
      "an unknown update field",
      frame({ type: "update_artifact", artifactId: "a", updates: { id: "b" } }),
      "invalid_message",
    ],
    ["an empty update", frame({ type: "update_artifact", artifactId: "a", updates: {} }), "invalid_message"],
    [
      "a title over 500 characters",
      frame({ type: "update_artifact", artifactId: "a", updates: { title: "t".repeat(501) } }),
      "too_large",
    ],
    [
      "metadata nested too deep",
      frame({ type: "update_artifact", artifactId: "a", updates: { metadata: nested(40) } }),
      "too_large",
    ],
  ])("%s", (_name, raw, code) => {
    const parsed = parseClientFrame(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it("rejects binary frames", () => {
    const parsed = parseClientFrame(new TextEncoder().encode('{"type":"get_messages"}').buffer);
    expect(parsed).toMatchObject({ ok: false, error: { code: "invalid_message" } });
  });

  it("rejects frames over 1 MiB as too_large, counting UTF-8 bytes", () => {
    // "é" is 1 UTF-16 unit but 2 bytes in UTF-8: 600k of them fit in characters but not in bytes.
    const raw = frame({ type: "chat", content: "é".repeat(600_000) });
    expect(raw.length).toBeLessThan(LIMITS.frameBytes);
    expect(parseClientFrame(raw)).toMatchObject({ ok: false, error: { code: "too_large" } });
  });

  it("echoes the requestId of a frame it rejects", () => {
    const parsed = parseClientFrame(frame({ type: "chat", content: 1, requestId: "req-9" }));
    expect(parsed).toMatchObject({ ok: false, error: { code: "invalid_message", requestId: "req-9" } });
  });

  it("names the unknown fields it rejects", () => {
    const parsed = parseClientFrame(frame({ type: "cancel", messageId: "1", force: true }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain('"force"');
  });
});

describe("ServerFrame describes what the server sends", () => {
  const message = { id: "1", sessionId: "s", role: "user", content: "hi", createdAt: 1, status: "complete" };
  const artifact = {
    id: "a",
    sessionId: "s",
    messageId: "2",
    title: "App.tsx",
    description: null,
    type: "react-component",
    content: "export default function App() {}",
    language: "tsx",
    metadata: { lines: 1 },
    createdAt: 1,
    updatedAt: 1,
    version: 1,
  };
  it.each([
    [{ type: "message", message }],
    [{ type: "message_start", message: { ...message, role: "assistant", content: "", status: "streaming" } }],
    [{ type: "message_delta", messageId: "2", delta: "Hel" }],
    [{ type: "artifact_open", messageId: "2", index: 0, info: 'tsx title="App.tsx"', lang: "tsx" }],
    [{ type: "artifact_delta", messageId: "2", index: 0, delta: "export default" }],
    [{ type: "messages", messages: [message], nextCursor: null, requestId: "m" }],
    [{ type: "artifacts", sessionId: "s", messageId: "2", artifacts: [artifact], nextCursor: "c" }],
    [{ type: "artifact_updated", artifact: { ...artifact, version: 2 } }],
    [{ type: "artifact_deleted", artifactId: "a" }],
    [{ type: "artifact_created", artifact }],
    [{ type: "message_done", message: { ...message, role: "assistant" }, artifacts: [artifact] }],
    [{ type: "error", code: "busy", message: "a reply is already streaming", requestId: "r" }],
  ])("accepts %j", (value) => {
    expect(ServerFrame.safeParse(value).success).toBe(true);
  });

  it.each([
    [{ type: "error", code: "teapot", message: "no" }],
    [{ type: "artifact_created", artifact: { ...artifact, type: "spreadsheet" } }],
    [{ type: "message", message: { ...message, role: "system" } }],
    [{ type: "message", message: { ...message, status: "thinking" } }],
    [{ type: "artifact_open", messageId: "2", index: -1, info: "", lang: null }],
    [{ type: "artifact_updated", artifact: { ...artifact, version: 0 } }],
  ])("rejects %j", (value) => {
    expect(ServerFrame.safeParse(value).success).toBe(false);
  });
});

describe("HTTP bodies", () => {
  it("accepts an imported assistant answer, and nothing else", () => {
    expect(validate(ImportMessageRequest, { role: "assistant", content: "# Hi" })).toEqual({
      ok: true,
      value: { role: "assistant", content: "# Hi" },
    });
    for (const bad of [
      { role: "user", content: "x" },
      { role: "assistant" },
      { role: "assistant", content: "x", id: 1 },
    ]) {
      expect(validate(ImportMessageRequest, bad)).toMatchObject({
        ok: false,
        error: { code: "invalid_message" },
      });
    }
    const huge = { role: "assistant", content: "x".repeat(LIMITS.messageContentBytes + 1) };
    expect(validate(ImportMessageRequest, huge)).toMatchObject({ ok: false, error: { code: "too_large" } });
  });

  it("accepts the artifact filters and rejects unknown ones", () => {
    expect(validate(ArtifactsQuery, { messageId: "3", type: "css", language: "css" }).ok).toBe(true);
    expect(validate(ArtifactsQuery, {}).ok).toBe(true);
    expect(validate(ArtifactsQuery, { sort: "title" })).toMatchObject({
      ok: false,
      error: { code: "invalid_message" },
    });
  });
});

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe("utf8Prefix", () => {
  it.each([
    ["ascii", "abcdef", 4, "abcd"],
    ["a two-byte character that does not fit whole", "aé", 2, "a"],
    ["a surrogate pair, never split", "a😀b", 4, "a"],
    ["a surrogate pair that fits", "a😀b", 5, "a😀"],
    ["all of it", "café", 5, "café"],
  ])("keeps the longest start within the bytes: %s", (_, text, max, kept) => {
    expect(utf8Prefix(text, max)).toBe(kept);
    expect(utf8Length(utf8Prefix(text, max))).toBeLessThanOrEqual(max);
  });
});
