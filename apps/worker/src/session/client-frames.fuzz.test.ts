/**
 * Property-based fuzzing of every client frame against the real Session object: whatever a socket sends (a
 * frame with any field wrong, missing or extra, any JSON, any text, any bytes), it gets valid server frames back,
 * a typed error never says `internal`, the socket stays open, and an answer that is an error changed nothing.
 */
import { env } from "cloudflare:workers";
import { ClientFrame, type ServerFrame, ServerFrame as ServerFrameSchema } from "@folio/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connect, newSession, postJson, type TestSocket } from "../../test/client.js";
import { mutated } from "../../test/fuzz-inputs.js";
import { storeDigest } from "../../test/store-digest.js";
import { settled } from "../../test/workspace-helpers.js";

const fence = "```";
/** Cases per socket: each sends two frames (the case and a ping), well inside a socket's burst of 120. */
const CASES_PER_SOCKET = 50;
const FRAME_TYPES = ClientFrame.options.map((option) => option.shape.type.value);

/** Valid frames of every type for this session, to mutate. */
function baseFrames(sessionId: string, artifactId: string, messageId: string): Record<string, unknown>[] {
  const frames: Record<string, Record<string, unknown>> = {
    chat: { type: "chat", content: "/echo fuzz", requestId: "r" },
    get_messages: { type: "get_messages", cursor: "1", limit: 2, requestId: "r" },
    get_artifacts: { type: "get_artifacts", sessionId, messageId, order: "newest", limit: 5, requestId: "r" },
    search_artifacts: {
      type: "search_artifacts",
      query: "fuzz",
      artifactType: "javascript",
      language: "js",
      since: 0,
      until: 2 ** 41,
      limit: 5,
      requestId: "r",
    },
    update_artifact: {
      type: "update_artifact",
      artifactId,
      updates: { title: "renamed.js", content: "console.log(2);\n" },
      baseVersion: 1,
      requestId: "r",
    },
    get_versions: { type: "get_versions", artifactId, requestId: "r" },
    get_version: { type: "get_version", artifactId, version: 1, requestId: "r" },
    restore_version: { type: "restore_version", artifactId, version: 1, requestId: "r" },
    delete_artifact: { type: "delete_artifact", artifactId: crypto.randomUUID(), requestId: "r" },
    cancel: { type: "cancel", messageId: "999", requestId: "r" },
  };
  expect(Object.keys(frames).sort()).toEqual([...FRAME_TYPES].sort());
  return Object.values(frames);
}

/** What a socket may send: mutated frames of every type, any JSON, any text, any bytes. */
function anyInput(bases: Record<string, unknown>[]) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...bases.map(mutated)).map((frame) => JSON.stringify(frame)) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "null",
        "[]",
        '{"type":"__proto__"}',
        '{"__proto__":{"type":"chat"},"type":"get_messages"}',
        `${"[".repeat(5000)}${"]".repeat(5000)}`,
        '{"type":"chat","content":"/echo hi","content":1}',
      ),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => bytes) },
  );
}

describe("fuzzing every client frame", () => {
  it("answers any input with valid frames, never `internal`, never closing, and an error changes nothing", async () => {
    const sessionId = await newSession();
    const stub = env.SESSION.getByName(sessionId);
    const imported = await postJson(`/api/sessions/${sessionId}/messages`, {
      role: "assistant",
      content: `Two files:\n\n${fence}js title="fuzz.js"\nconsole.log(1);\n${fence}\n\n${fence}css\nb { color: red }\n${fence}\n`,
    });
    const { message, artifacts } = (await imported.json()) as {
      message: { id: string };
      artifacts: { id: string }[];
    };
    const bases = baseFrames(sessionId, artifacts[0]?.id as string, message.id);

    let socket: TestSocket = await connect(sessionId);
    let cases = 0;
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(anyInput(bases), async (input) => {
        if (cases > 0 && cases % CASES_PER_SOCKET === 0) {
          socket.close();
          socket = await connect(sessionId);
        }
        cases++;
        const before = await storeDigest(stub);
        const from = socket.frames.length;
        socket.socket.send(input);
        await socket.roundTrip();
        const parsed = typeof input === "string" ? ClientFrame.safeParse(safeJson(input)) : null;
        if (parsed?.success && parsed.data.type === "chat")
          await socket.next("message_done", () => true, from);
        const replies: ServerFrame[] = socket.frames.slice(from);
        const kind = parsed?.success ? parsed.data.type : "invalid";
        seen.set(kind, (seen.get(kind) ?? 0) + 1);

        expect(socket.closedWith).toBeNull();
        expect(replies.length).toBeGreaterThan(0);
        for (const reply of replies) expect(ServerFrameSchema.safeParse(reply).success).toBe(true);
        const errors = replies.filter((reply) => reply.type === "error");
        for (const error of errors) expect(error.code).not.toMatch(/^(internal|rate_limited)$/);
        if (errors.length === replies.length) expect(await storeDigest(stub)).toBe(before);
        // A change made: its report to the workspace empties the outbox later; let it, before the next case.
        else await settled(sessionId);
      }),
      { numRuns: 1000 },
    );
    socket.close();
    console.log(
      `fuzzed ${cases} client frames: ${[...seen].map(([kind, count]) => `${count} ${kind}`).join(", ")}`,
    );
    expect(cases).toBeGreaterThanOrEqual(1000);
  }, 120_000);
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
