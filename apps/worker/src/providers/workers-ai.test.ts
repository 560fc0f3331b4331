import { describe, expect, it } from "vitest";
import { collect } from "../../test/streams.js";
import type { ModelMessage } from "./model.js";
import { type AiBinding, DEFAULT_WORKERS_AI_MODEL, workersAiModel } from "./workers-ai.js";

/** A stand-in for the AI binding, at the binding boundary only: it answers as Workers AI does, with SSE bytes. */
function aiAnswering(
  events: string[],
  calls: { model: string; inputs: unknown; options?: unknown }[] = [],
): AiBinding {
  return {
    async run(model, inputs, options) {
      calls.push({ model, inputs, options });
      const encoder = new TextEncoder();
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (const event of events) controller.enqueue(encoder.encode(event));
          controller.close();
        },
      });
    },
  };
}

const messages: ModelMessage[] = [{ role: "user", content: "hi" }];

describe("Workers AI provider", () => {
  it("runs the configured model with streaming on and yields each response piece", async () => {
    const calls: { model: string; inputs: unknown; options?: unknown }[] = [];
    const ai = aiAnswering(
      [
        'data: {"response":"Hel',
        'lo"}\n\ndata: {"response":", wor"}\n\n',
        'data: {"response":"ld"}\n\ndata: [DONE]\n\n',
      ],
      calls,
    );
    const { signal } = new AbortController();
    expect((await collect(workersAiModel(ai).stream(messages, signal))).join("")).toBe("Hello, world");
    // The answer's signal goes to the binding, so Stop ends the request itself.
    expect(calls).toEqual([
      { model: DEFAULT_WORKERS_AI_MODEL, inputs: { messages, stream: true }, options: { signal } },
    ]);
  });

  it("understands models that stream OpenAI-style choices", async () => {
    const ai = aiAnswering(['data: {"choices":[{"delta":{"content":"ok"}}]}\n\n', "data: [DONE]\n\n"]);
    const pieces = await collect(
      workersAiModel(ai, "@cf/openai/gpt-oss-20b").stream(messages, new AbortController().signal),
    );
    expect(pieces.join("")).toBe("ok");
  });

  it("turns a failing binding into a clear provider error", async () => {
    const ai: AiBinding = {
      run: async () => {
        throw new Error("3036: account limit reached");
      },
    };
    await expect(collect(workersAiModel(ai).stream(messages, new AbortController().signal))).rejects.toThrow(
      /Workers AI \(@cf\/meta\/llama-3.3-70b-instruct-fp8-fast\) failed: 3036: account limit reached/,
    );
  });

  it("fails a stream that ends without its [DONE] marker, as the OpenAI path does", async () => {
    const ai = aiAnswering(['data: {"response":"half an ans"}\n\n']);
    const stream = workersAiModel(ai).stream(messages, new AbortController().signal);
    const pieces: string[] = [];
    await expect(
      (async () => {
        for await (const piece of stream) pieces.push(piece);
      })(),
    ).rejects.toMatchObject({ summary: `Workers AI (${DEFAULT_WORKERS_AI_MODEL}) broke off` });
    expect(pieces).toEqual(["half an ans"]);
  });

  it("stops at once when cancelled, even while the stream has stalled", async () => {
    const encoder = new TextEncoder();
    const ai: AiBinding = {
      // One piece, then nothing: the stream never closes by itself.
      run: async () =>
        new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(encoder.encode('data: {"response":"Hello"}\n\n')),
        }),
    };
    const controller = new AbortController();
    const pieces: string[] = [];
    for await (const piece of workersAiModel(ai).stream(messages, controller.signal)) {
      pieces.push(piece);
      controller.abort();
    }
    expect(pieces).toEqual(["Hello"]);
  });
});
