/**
 * Chooses the model provider from the environment. `AI_PROVIDER` picks one explicitly (`offline`, `workers-ai`,
 * `openai`); unset (or `auto`), OpenAI-compatible is used when `OPENAI_BASE_URL` is set, Workers AI when the
 * `AI` binding exists, and the built-in offline model otherwise. A provider that is chosen but not configured
 * fails with a message that says what to set.
 */
import { type Env, variablesOf } from "../env.js";
import type { ChatModel } from "./model.js";
import { OFFLINE_DEFAULTS, offlineModel } from "./offline.js";
import { openAiModel } from "./openai.js";
import { ProviderError } from "./provider-error.js";
import { DEFAULT_WORKERS_AI_MODEL, workersAiModel } from "./workers-ai.js";

export const PROVIDERS = ["offline", "workers-ai", "openai"] as const;

export function selectModel(env: Env): ChatModel {
  const provider = variablesOf(env).AI_PROVIDER ?? "auto";
  switch (provider) {
    case "auto":
      if (env.OPENAI_BASE_URL) return openAi(env);
      if (env.AI) return workersAi(env);
      return offline(env);
    case "offline":
      return offline(env);
    case "workers-ai":
      return workersAi(env);
    case "openai":
      return openAi(env);
    default:
      throw new ProviderError(
        `AI_PROVIDER "${provider}" is unknown; use one of ${PROVIDERS.join(", ")} or leave it unset`,
      );
  }
}

function offline(env: Env): ChatModel {
  const { OFFLINE_CHUNK_SIZE, OFFLINE_CHUNK_DELAY_MS } = variablesOf(env);
  return offlineModel({
    chunkSize: OFFLINE_CHUNK_SIZE ?? OFFLINE_DEFAULTS.chunkSize,
    delayMs: OFFLINE_CHUNK_DELAY_MS ?? OFFLINE_DEFAULTS.delayMs,
  });
}

function workersAi(env: Env): ChatModel {
  if (!env.AI) {
    throw new ProviderError(
      'AI_PROVIDER is "workers-ai" but the Worker has no AI binding; add "ai": { "binding": "AI" } to wrangler.jsonc',
    );
  }
  return workersAiModel(env.AI, env.AI_MODEL || DEFAULT_WORKERS_AI_MODEL);
}

function openAi(env: Env): ChatModel {
  if (!env.OPENAI_BASE_URL) {
    throw new ProviderError(
      'AI_PROVIDER is "openai" but OPENAI_BASE_URL is not set (e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1)',
    );
  }
  if (!env.OPENAI_MODEL) {
    throw new ProviderError(
      'AI_PROVIDER is "openai" but OPENAI_MODEL is not set (e.g. gpt-4o-mini or llama3.1)',
    );
  }
  return openAiModel({ baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL });
}
