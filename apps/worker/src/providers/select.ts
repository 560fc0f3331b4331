/** Chooses the model provider from the environment; the offline model unless another is configured. */
import type { Env } from "../env.js";
import type { ChatModel } from "./model.js";
import { OFFLINE_DEFAULTS, offlineModel } from "./offline.js";

export function selectModel(env: Env): ChatModel {
  const provider = env.AI_PROVIDER ?? "offline";
  if (provider !== "offline") throw new Error(`AI_PROVIDER "${provider}" is not supported; use "offline"`);
  return offlineModel({
    chunkSize: positiveInteger(env.OFFLINE_CHUNK_SIZE) ?? OFFLINE_DEFAULTS.chunkSize,
    delayMs: nonNegativeInteger(env.OFFLINE_CHUNK_DELAY_MS) ?? OFFLINE_DEFAULTS.delayMs,
  });
}

function positiveInteger(value: string | undefined): number | undefined {
  const number = nonNegativeInteger(value);
  return number === undefined || number === 0 ? undefined : number;
}

function nonNegativeInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
