import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { ServerFrame } from "@folio/protocol";
import { describe, expect, inject, it } from "vitest";
import { api, everyPage, newSession } from "../../test/client.js";
import { openAiModel } from "../providers/openai.js";
import { Generation } from "./generation.js";
import { SessionStore } from "./store.js";

const server = inject("sseServerUrl");

/** Runs one answer inside the session's object, with the OpenAI-compatible provider on the loopback server. */
async function generate(
  scenario: string,
  during?: (generation: Generation, store: SessionStore) => Promise<void>,
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
    await during?.(generation, store);
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
