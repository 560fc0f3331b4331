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
  run(model: string, inputs: { messages: ModelMessage[]; stream: true }): Promise<unknown>;
}

interface EventJson {
  response?: string;
  choices?: { delta?: { content?: string | null } }[];
}

export function workersAiModel(ai: AiBinding, model = DEFAULT_WORKERS_AI_MODEL): ChatModel {
  return {
    name: `workers-ai:${model}`,
    async *stream(messages: readonly ModelMessage[], signal: AbortSignal) {
      let output: unknown;
      try {
        output = await ai.run(model, { messages: [...messages], stream: true });
      } catch (error) {
        throw new ProviderError(`Workers AI (${model}) failed: ${(error as Error).message}`);
      }
      if (!(output instanceof ReadableStream)) {
        throw new ProviderError(`Workers AI (${model}) did not answer with a stream`);
      }
      const events = sseData(output as ReadableStream<Uint8Array>);
      try {
        for (;;) {
          if (signal.aborted) return;
          const next = await events.next();
          if (next.done) return;
          const event = JSON.parse(next.value) as EventJson;
          const text = event.response ?? event.choices?.[0]?.delta?.content;
          if (text) yield text;
        }
      } catch (error) {
        if (signal.aborted) return;
        throw new ProviderError(`Workers AI (${model}) broke off: ${(error as Error).message}`);
      } finally {
        await events.return(false);
      }
    },
  };
}
