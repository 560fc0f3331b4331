/**
 * The built-in offline model: no account, no network. `/echo <text>` streams back exactly `<text>`; any other
 * prompt gets a deterministic answer with prose and code blocks matched to what was asked.
 */
import type { ChatModel, ModelMessage } from "./model.js";
import { cannedAnswer } from "./offline-answers.js";

export interface OfflineOptions {
  /** Characters per chunk. */
  chunkSize: number;
  /** Pause between chunks, in milliseconds. */
  delayMs: number;
}

export const OFFLINE_DEFAULTS: OfflineOptions = { chunkSize: 6, delayMs: 12 };

export function offlineModel(options: OfflineOptions = OFFLINE_DEFAULTS): ChatModel {
  return {
    name: "offline",
    async *stream(messages: readonly ModelMessage[], signal: AbortSignal) {
      const prompt = [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
      const answer = replyTo(prompt);
      for (let at = 0; at < answer.length; at += options.chunkSize) {
        if (signal.aborted) return;
        if (options.delayMs > 0) await sleep(options.delayMs, signal);
        if (signal.aborted) return;
        yield answer.slice(at, at + options.chunkSize);
      }
    },
  };
}

export function replyTo(prompt: string): string {
  const echo = /^\/echo(?:[ \t]|\r?\n)([\s\S]*)$/.exec(prompt);
  if (echo) return echo[1] as string;
  if (prompt.trim() === "/echo") return "";
  return cannedAnswer(prompt);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
