/// <reference lib="webworker" />
/** The highlight worker: shiki's tokenising and regex compiling run here, off the page's main thread. */

import type { HighlightReply, HighlightRequest } from "./highlight";
import { highlightHtml } from "./shiki";

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener("message", async (event: MessageEvent<HighlightRequest>) => {
  const { id, code, language } = event.data;
  try {
    self.postMessage({ id, html: await highlightHtml(code, language) } satisfies HighlightReply);
  } catch (error) {
    self.postMessage({ id, error: String(error) } satisfies HighlightReply);
  }
});
