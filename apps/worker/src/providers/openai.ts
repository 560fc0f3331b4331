/**
 * Any OpenAI-compatible chat completions API, streamed (OpenAI, vLLM, llama.cpp, Ollama, LM Studio, …):
 * POST {baseUrl}/chat/completions with `stream: true`, answered by server-sent events of
 * `{"choices":[{"delta":{"content":"…"}}]}` and a final `[DONE]`.
 */
import type { ChatModel, ModelMessage } from "./model.js";
import { ProviderError } from "./provider-error.js";
import { sseData } from "./sse.js";

export interface OpenAiOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  fetch?: typeof fetch;
}

interface ChunkJson {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string };
}

export function openAiModel(options: OpenAiOptions): ChatModel {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const name = `the OpenAI-compatible model (${options.model})`;
  const doFetch = options.fetch ?? fetch;
  return {
    name: `openai:${options.model}`,
    async *stream(messages: readonly ModelMessage[], signal: AbortSignal) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "text/event-stream",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: options.model, messages, stream: true }),
          signal,
        });
      } catch (error) {
        if (signal.aborted) return;
        throw new ProviderError(
          `could not reach ${url}: ${(error as Error).message}`,
          `${name} could not be reached`,
        );
      }
      if (!response.ok || response.body === null) {
        throw new ProviderError(
          `${url} answered ${response.status}: ${await errorText(response)}`,
          `${name} answered ${response.status}`,
        );
      }
      let finished = false;
      const events = sseData(response.body, signal);
      try {
        for (;;) {
          const next = await events.next();
          if (next.done) {
            finished ||= next.value;
            break;
          }
          const chunk = parseChunk(next.value, name);
          if (chunk.error) {
            throw new ProviderError(
              `the model failed: ${chunk.error.message ?? "unknown error"}`,
              `${name} reported an error`,
            );
          }
          const choice = chunk.choices?.[0];
          const text = choice?.delta?.content;
          if (text) yield text;
          if (choice?.finish_reason) finished = true;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ProviderError) throw error;
        throw new ProviderError(
          `the connection to ${url} broke: ${(error as Error).message}`,
          `${name} broke off`,
        );
      } finally {
        // Stopping early (an error event, or the consumer gone) releases the response body too.
        await events.return(false);
      }
      if (!finished && !signal.aborted) {
        throw new ProviderError(
          `the connection to ${url} closed before the answer finished`,
          `${name} broke off`,
        );
      }
    },
  };
}

function parseChunk(data: string, name: string): ChunkJson {
  try {
    return JSON.parse(data) as ChunkJson;
  } catch {
    throw new ProviderError(
      `the model sent an event that is not JSON: ${data.slice(0, 80)}`,
      `${name} sent nonsense`,
    );
  }
}

async function errorText(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string };
    const message = typeof body.error === "string" ? body.error : body.error?.message;
    if (message) return message;
  } catch {
    // Not JSON: the text itself says what happened.
  }
  return text.slice(0, 200) || response.statusText || "no details";
}
