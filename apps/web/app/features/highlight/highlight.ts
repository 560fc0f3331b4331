/**
 * Syntax highlighting for the page: requests go to a Web Worker running shiki (loaded on first use), so
 * highlighting never blocks typing or scrolling, and results are cached for code that comes back into view.
 */
export interface HighlightRequest {
  id: number;
  code: string;
  language: string | null;
}

export type HighlightReply = { id: number; html: string } | { id: number; error: string };

// Cards scrolled back into view reuse their highlighting; the oldest entries go first once the cache is full.
const CACHE_SIZE = 500;
const cache = new Map<string, string>();

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { key: string; resolve(html: string): void; reject(error: Error): void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./highlight.worker.ts", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event: MessageEvent<HighlightReply>) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if ("error" in reply) return request.reject(new Error(reply.error));
    cache.set(request.key, reply.html);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    request.resolve(reply.html);
  });
  return worker;
}

function keyOf(code: string, language: string | null): string {
  return `${language ?? ""}\0${code}`;
}

/** HTML of `code` highlighted as `language` (plain, escaped text for languages shiki does not know). */
export function highlight(code: string, language: string | null): Promise<string> {
  const key = keyOf(code, language);
  const cached = cache.get(key);
  if (cached !== undefined) return Promise.resolve(cached);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { key, resolve, reject });
    getWorker().postMessage({ id, code, language } satisfies HighlightRequest);
  });
}

/** Highlighting already done for this code, if any, so a card can draw it without waiting. */
export function cachedHighlight(code: string, language: string | null): string | null {
  return cache.get(keyOf(code, language)) ?? null;
}
