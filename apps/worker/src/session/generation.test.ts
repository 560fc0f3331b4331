import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type ImportSummary, LIMITS, type ServerFrame, utf8Length } from "@folio/protocol";
import { describe, expect, inject, it } from "vitest";
import { api, apiAs, everyPage, newSession, newWorkspace } from "../../test/client.js";
import { openAiModel } from "../providers/openai.js";
import { Generation, MAX_ANSWER_BYTES } from "./generation.js";
import { SessionStore } from "./store.js";

const server = inject("sseServerUrl");

/** Runs one answer inside the session's object, with the OpenAI-compatible provider on the loopback server. */
async function generate(
  scenario: string,
  during?: (generation: Generation, store: SessionStore, storage: DurableObjectStorage) => Promise<void>,
  idleTimeoutMs?: number,
) {
  const sessionId = await newSession();
  await api(`/api/sessions/${sessionId}/messages`); // the object exists, migrated
  const stub = env.SESSION.get(env.SESSION.idFromName(sessionId));
  const frames = await runInDurableObject(stub, async (_, state) => {
    const store = new SessionStore(state.storage, sessionId);
    const frames: ServerFrame[] = [];
    const generation = new Generation({
      store,
      model: openAiModel({ baseUrl: `${server}/${scenario}/v1`, apiKey: "test-key", model: "tiny-1" }),
      history: [{ role: "user", content: "Write the answer" }],
      broadcast: (frame) => frames.push(frame),
      idleTimeoutMs,
    });
    const running = generation.run();
    await during?.(generation, store, state.storage);
    await running;
    return frames;
  });
  return { sessionId, frames };
}

function doneOf(frames: ServerFrame[]) {
  const done = frames.find((frame) => frame.type === "message_done");
  if (done?.type !== "message_done") throw new Error("no message_done");
  return done;
}

describe("an answer from an OpenAI-compatible server", () => {
  it("streams, saves each block as it closes, and completes", async () => {
    const { sessionId, frames } = await generate("ok");
    const done = doneOf(frames);
    expect(done.message.status).toBe("complete");
    expect(done.message.content).toContain("export const answer = 42; // ✓ café");
    expect(done.artifacts.map((a) => [a.title, a.type, a.content])).toEqual([
      ["answer.ts", "typescript", "export const answer = 42; // ✓ café\n"],
    ]);
    const created = frames.findIndex((frame) => frame.type === "artifact_created");
    const lastDelta = frames.findLastIndex((frame) => frame.type === "message_delta");
    expect(created).toBeLessThan(lastDelta); // saved before the answer ended
    const stored = await (await api(`/api/sessions/${sessionId}/artifacts`)).json();
    expect(stored).toEqual({ artifacts: done.artifacts, nextCursor: null });
  });

  it("ends with status error and an error frame when the connection drops, keeping what was shown", async () => {
    const { sessionId, frames } = await generate("drop");
    const done = doneOf(frames);
    expect(done.message).toMatchObject({ status: "error" });
    expect(done.message.content).toBe(
      'Here is the start of a long answer\n\n```python\nprint("hi")\n```\n\nand then',
    );
    expect(done.artifacts.map((a) => a.content)).toEqual(['print("hi")\n']);
    const error = frames.find((frame) => frame.type === "error");
    expect(error).toMatchObject({
      code: "internal",
      message: "the model failed: the OpenAI-compatible model (tiny-1) broke off",
    });
    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: { status: string; content: string }[];
    };
    expect(messages.at(-1)).toMatchObject({ status: "error", content: done.message.content });
  });

  it("fails an answer whose provider goes silent mid-answer, keeping its closed blocks", async () => {
    const { sessionId, frames } = await generate("hang", undefined, 300);
    const done = doneOf(frames);
    expect(done.message).toMatchObject({
      status: "error",
      content: "Part one:\n\n```sql\nSELECT 1;\n```\n\nand then",
    });
    expect(done.artifacts.map((a) => a.content)).toEqual(["SELECT 1;\n"]);
    expect(frames.find((frame) => frame.type === "error")).toMatchObject({
      code: "internal",
      message: "the model failed: openai:tiny-1 sent nothing for 300 ms",
    });
    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: { status: string }[];
    };
    expect(messages.at(-1)).toMatchObject({ status: "error" });
  });

  it("ends with status error when the server refuses, telling clients the provider and status, and no more", async () => {
    const { frames } = await generate("error");
    expect(doneOf(frames).message).toMatchObject({ status: "error", content: "" });
    const error = frames.find((frame) => frame.type === "error");
    expect(error).toMatchObject({
      code: "internal",
      message: "the model failed: the OpenAI-compatible model (tiny-1) answered 503",
    });
    // The provider's URL and its answer are internal: they go to the log only.
    expect(JSON.stringify(error)).not.toContain(server);
    expect(JSON.stringify(error)).not.toContain("overloaded");
  });

  it("streams a 1 MiB answer of tiny blocks in linear time, saving every one (or this never ends)", async () => {
    const { sessionId, frames } = await generate("tiny-blocks");
    const done = doneOf(frames);
    expect(done.message.status).toBe("complete");
    const count = done.message.content.split("\n").length / 3;
    expect(done.artifacts).toHaveLength(Math.floor(count));
    expect(done.artifacts.map((artifact) => artifact.content)).toEqual(
      done.artifacts.map((_, i) => `${i}\n`),
    );
    expect(frames.filter((frame) => frame.type === "artifact_created")).toHaveLength(done.artifacts.length);
    const artifacts = await everyPage(`/api/sessions/${sessionId}/artifacts`, "artifacts");
    expect(artifacts).toHaveLength(done.artifacts.length);
  }, 120_000); // a few seconds alone, 26 s beside the e2e suite in script/test; a quadratic cost takes far longer

  it("checkpoints the partial answer as it streams (every second), and stops the provider on cancel", async () => {
    const checkpoints: string[] = [];
    const { frames } = await generate("slow", async (generation, store) => {
      // Two checkpoints while the answer streams, read as a restarted object would; waited for rather than timed,
      // as a loaded machine may start the stream late.
      while (checkpoints.length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const stored = store.getMessage(generation.message.id)?.content ?? "";
        if (stored !== "" && stored !== checkpoints.at(-1)) checkpoints.push(stored);
      }
      generation.cancel();
    });
    const [first, second] = checkpoints as [string, string];
    expect(first).toMatch(/^```js\n/);
    expect(second.startsWith(first) && second.length > first.length).toBe(true);
    const done = doneOf(frames);
    expect(done.message.status).toBe("cancelled");
    expect(done.message.content.startsWith(second)).toBe(true);
    expect(done.artifacts[0]?.metadata).toMatchObject({ closed: false });
  }, 30_000);
});

describe("every answer ends once, whatever throws", () => {
  /** The next answer in the same session streams and completes. */
  async function nextAnswerCompletes(sessionId: string) {
    const stub = env.SESSION.get(env.SESSION.idFromName(sessionId));
    const frames = await runInDurableObject(stub, async (_, state) => {
      const frames: ServerFrame[] = [];
      await new Generation({
        store: new SessionStore(state.storage, sessionId),
        model: openAiModel({ baseUrl: `${server}/ok/v1`, apiKey: "test-key", model: "tiny-1" }),
        history: [{ role: "user", content: "Again" }],
        broadcast: (frame) => frames.push(frame),
      }).run();
      return frames;
    });
    expect(doneOf(frames).message.status).toBe("complete");
  }

  it("cuts a runaway 3 MB answer at MAX_ANSWER_BYTES, keeping the part before and its blocks", async () => {
    const { sessionId, frames } = await generate("runaway");
    expect(frames.filter((frame) => frame.type === "message_done")).toHaveLength(1);
    const done = doneOf(frames);
    expect(done.message.status).toBe("error");
    expect(utf8Length(done.message.content)).toBe(MAX_ANSWER_BYTES);
    expect(done.message.content.startsWith("Step by step.\n\n```js\n")).toBe(true);
    expect(frames.find((frame) => frame.type === "error")).toMatchObject({
      code: "too_large",
      message: "the answer passed 1 MiB and was cut there; what came before is kept",
    });
    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: { status: string; content: string }[];
    };
    expect(messages.at(-1)).toEqual(
      expect.objectContaining({ status: "error", content: done.message.content }),
    );
    const saved = await everyPage(`/api/sessions/${sessionId}/artifacts`, "artifacts");
    expect(saved.length).toBe(done.artifacts.length);
    expect(saved.length).toBeGreaterThan(10_000);
    await nextAnswerCompletes(sessionId);
  }, 60_000);

  it("keeps a 2.5 MB block as an unclosed artifact of the bytes that fit, cut at a character", async () => {
    const { sessionId, frames } = await generate("huge-block");
    const done = doneOf(frames);
    expect(done.message.status).toBe("error");
    expect(utf8Length(done.message.content)).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
    expect(utf8Length(done.message.content)).toBeGreaterThan(MAX_ANSWER_BYTES - 4);
    const [block] = done.artifacts;
    expect(done.artifacts).toHaveLength(1);
    expect(block?.metadata).toMatchObject({ closed: false });
    expect(block?.content.startsWith("<p>café crème</p>\n")).toBe(true);
    expect(block?.content).not.toContain("\uFFFD");
    // An unclosed block's last line is ended for it.
    expect(done.message.content).toContain(block?.content.slice(0, -1));
    // So it is within what an import of Folio's own export takes back.
    expect(utf8Length(block?.content ?? "")).toBeLessThanOrEqual(LIMITS.artifactContentBytes);
    await nextAnswerCompletes(sessionId);
    // Whatever Folio stores, its own export imports again.
    const zip = await (await api(`/api/export?sessionId=${sessionId}`)).arrayBuffer();
    const elsewhere = await newWorkspace();
    const imported = await apiAs(elsewhere.token, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: zip,
    });
    const { sessions } = (await imported.json()) as ImportSummary;
    expect(sessions.map(({ status, artifacts }) => [status, artifacts])).toEqual([["added", 2]]);
  }, 60_000);

  it("ends an answer whose session is deleted mid-answer as error, with one message_done", async () => {
    const { frames } = await generate("slow", async (generation, _, storage) => {
      while (!generation.snapshot().content.includes("line 2")) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // As Session.destroy does: stop the answer, then delete every table under it.
      generation.cancel();
      await storage.deleteAll();
    });
    expect(frames.filter((frame) => frame.type === "message_done")).toHaveLength(1);
    expect(doneOf(frames).message.status).toBe("error");
  }, 30_000);
});
