import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type ImportSummary, LIMITS, type ServerFrame, utf8Length } from "@folio/protocol";
import { describe, expect, inject, it } from "vitest";
import { api, apiAs, everyPage, newSession, newWorkspace } from "../../test/client.js";
import { countingStorage } from "../../test/sql-work.js";
import { openAiModel } from "../providers/openai.js";
import { Generation, MAX_ANSWER_BYTES } from "./generation.js";
import { SessionStore } from "./store.js";

const server = inject("sseServerUrl");
/** The shorter of the two answers of tiny blocks (about 1,200 of them) whose costs are compared. */
const TINY_BLOCKS_KIB = 16;

/**
 * Runs one answer inside the session's object, with the OpenAI-compatible provider on the loopback server; gives
 * its frames and what its statements asked of SQLite.
 */
async function generate(
  scenario: string,
  during?: (generation: Generation, store: SessionStore, storage: DurableObjectStorage) => Promise<void>,
  idleTimeoutMs?: number,
) {
  const sessionId = await newSession();
  await api(`/api/sessions/${sessionId}/messages`); // the object exists, migrated
  const stub = env.SESSION.get(env.SESSION.idFromName(sessionId));
  const { frames, work } = await runInDurableObject(stub, async (_, state) => {
    const counted = countingStorage(state.storage);
    const store = new SessionStore(counted.storage, sessionId);
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
    return { frames, work: counted.work() };
  });
  return { sessionId, frames, work };
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

  it("streams an answer of tiny blocks at a cost linear in its length, saving every one", async () => {
    /** Streams `kib` KiB of three-line blocks; how long that took by the test's clock (which moves on I/O). */
    async function tinyBlocks(kib: number) {
      const started = Date.now();
      const { sessionId, frames, work } = await generate(`tiny-blocks/${kib}`);
      return { ms: Date.now() - started, sessionId, frames, work };
    }
    // Four times the blocks cost about four times as much; a cost quadratic in the blocks would be sixteen times.
    // What the statements ask of SQLite is counted (writing the whole answer at each block was 15 times), and the
    // time is compared too, for work outside SQLite: the fastest run of each length, another pair run only while
    // the ratio is over, so that a stall of a busy machine is not read as cost.
    const small: Awaited<ReturnType<typeof tinyBlocks>>[] = [];
    const large: Awaited<ReturnType<typeof tinyBlocks>>[] = [];
    const fastest = (runs: typeof small) => Math.min(...runs.map(({ ms }) => ms));
    do {
      small.push(await tinyBlocks(TINY_BLOCKS_KIB));
      large.push(await tinyBlocks(4 * TINY_BLOCKS_KIB));
    } while (fastest(large) / fastest(small) >= 8 && large.length < 3);
    const [shorter, longer] = [small[0], large[0]] as [(typeof small)[number], (typeof large)[number]];
    for (const count of ["rowsRead", "rowsWritten", "bound"] as const) {
      expect(longer.work[count] / shorter.work[count], count).toBeLessThan(8);
    }
    expect(fastest(large) / fastest(small)).toBeLessThan(8);

    const { sessionId, frames } = longer;
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
  });

  it("checkpoints the partial answer as it streams (every second), and stops the provider on cancel", async () => {
    const checkpoints: string[] = [];
    const { frames } = await generate("slow", async (generation, store) => {
      // Two checkpoints while the answer streams, read as a restarted object would; waited for rather than timed,
      // as a loaded machine may start the stream late.
      while (checkpoints.length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const stored = store.messages.get(generation.message.id)?.content ?? "";
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
  });

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
  });

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
  });
});
