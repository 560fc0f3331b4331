import { describe, expect, inject, it } from "vitest";
import { collect } from "../../test/streams.js";
import type { ModelMessage } from "./model.js";
import { openAiModel } from "./openai.js";
import { ProviderError } from "./provider-error.js";

const server = inject("sseServerUrl");
const messages: ModelMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "What is the answer?" },
];

describe("OpenAI-compatible provider, against a real SSE server on loopback", () => {
  it("streams the answer's deltas, whatever the frames' splits (mid-JSON, mid-UTF-8, CRLF, comments)", async () => {
    const model = openAiModel({ baseUrl: `${server}/ok/v1/`, apiKey: "test-key", model: "tiny-1" });
    const pieces = await collect(model.stream(messages, new AbortController().signal));
    expect(pieces.length).toBe(6);
    expect(pieces.join("")).toBe(
      "You asked “What is the answer?” (2 messages, with a system prompt, model tiny-1).\n\n" +
        'Here it is:\n\n```ts title="answer.ts"\nexport const answer = 42; // ✓ café\n```\nDone.',
    );
  });

  it("reports an error status with the server's own message", async () => {
    const model = openAiModel({ baseUrl: `${server}/error/v1`, model: "tiny-1" });
    const failure = collect(model.stream(messages, new AbortController().signal));
    await expect(failure).rejects.toThrow(ProviderError);
    await expect(failure).rejects.toThrow(/answered 503: The model is overloaded/);
  });

  it("reports a wrong API key as the server words it", async () => {
    const model = openAiModel({ baseUrl: `${server}/ok/v1`, apiKey: "wrong", model: "tiny-1" });
    await expect(collect(model.stream(messages, new AbortController().signal))).rejects.toThrow(
      /401: Incorrect API key provided/,
    );
  });

  it("yields what arrived, then fails, when the connection drops mid-answer", async () => {
    const model = openAiModel({ baseUrl: `${server}/drop/v1`, model: "tiny-1" });
    const pieces: string[] = [];
    const run = (async () => {
      for await (const piece of model.stream(messages, new AbortController().signal)) pieces.push(piece);
    })();
    await expect(run).rejects.toThrow(ProviderError);
    expect(pieces.join("")).toBe(
      'Here is the start of a long answer\n\n```python\nprint("hi")\n```\n\nand then',
    );
  });

  it("fails clearly on an event that is not JSON, and when nothing listens", async () => {
    const garbage = openAiModel({ baseUrl: `${server}/garbage/v1`, model: "tiny-1" });
    await expect(collect(garbage.stream(messages, new AbortController().signal))).rejects.toThrow(/not JSON/);
    const nowhere = openAiModel({ baseUrl: "http://127.0.0.1:9/v1", model: "tiny-1" });
    await expect(collect(nowhere.stream(messages, new AbortController().signal))).rejects.toThrow(
      /could not reach/,
    );
  });

  it("stops quietly when cancelled", async () => {
    const model = openAiModel({ baseUrl: `${server}/slow/v1`, model: "tiny-1" });
    const controller = new AbortController();
    const pieces: string[] = [];
    for await (const piece of model.stream(messages, controller.signal)) {
      pieces.push(piece);
      if (pieces.length === 3) controller.abort();
    }
    expect(pieces).toEqual(["```js\n", "line 1\n", "line 2\n"]);
  });
});
