/**
 * Cloudflare Workers AI through the `AI` binding: `ai.run(model, { messages, stream: true })` answers with a
 * stream of server-sent events of `{"response":"…"}` (newer models may send OpenAI-style `choices`).
 */
import type { ChatModel, ModelMessage } from "./model.js";
import { ProviderError } from "./provider-error.js";
import { sseData } from "./sse.js";

export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

/** The part of the `Ai` binding this provider uses (a stand-in in tests implements just this). */
export interface AiBinding {
  run(
    model: string,
    inputs: { messages: ModelMessage[]; stream: true },
    options?: { signal?: AbortSignal },
  ): Promise<unknown>;
}

interface EventJson {
  response?: string;
  choices?: { delta?: { content?: string | null } }[];
}

export function workersAiModel(ai: AiBinding, model = DEFAULT_WORKERS_AI_MODEL): ChatModel {
  return {
    name: `workers-ai:${model}`,
    async *stream(messages: readonly ModelMessage[], signal: AbortSignal) {
      const name = `Workers AI (${model})`;
      let output: unknown;
      try {
        // The signal ends the request itself when the answer is cancelled.
        output = await ai.run(model, { messages: [...messages], stream: true }, { signal });
      } catch (error) {
        if (signal.aborted) return;
        throw new ProviderError(`${name} failed: ${(error as Error).message}`, `${name} refused the request`);
      }
      if (!(output instanceof ReadableStream)) {
        throw new ProviderError(`${name} did not answer with a stream`, `${name} sent no stream`);
      }
      let finished = false;
      const events = sseData(output as ReadableStream<Uint8Array>, signal);
      try {
        for (;;) {
          const next = await events.next();
          if (next.done) {
            finished = next.value;
            break;
          }
          const event = JSON.parse(next.value) as EventJson;
          const text = event.response ?? event.choices?.[0]?.delta?.content;
          if (text) yield text;
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new ProviderError(`${name} broke off: ${(error as Error).message}`, `${name} broke off`);
      } finally {
        await events.return(false);
      }
      // As with the OpenAI-compatible path: an answer is complete only when the stream says so.
      if (!finished && !signal.aborted) {
        throw new ProviderError(`${name}'s stream closed before [DONE]`, `${name} broke off`);
      }
    },
  };
}
