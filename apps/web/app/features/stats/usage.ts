/**
 * Telling the server what happened to artifacts (views, previews, copies, downloads) for the usage stats:
 * events are gathered for a second and sent together (`POST /api/usage`), and what is left goes as the page is
 * hidden. Best effort: a failure loses a count, never anything else.
 */
import type { Artifact, UsageEvent } from "@folio/protocol";
import { apiFetch } from "../api/api-client";

const FLUSH_MS = 1000;
const MAX_BATCH = 100;
const queue: UsageEvent[] = [];
let scheduled = false;

export function recordUsage(artifact: Pick<Artifact, "id" | "sessionId">, kind: UsageEvent["kind"]): void {
  queue.push({ sessionId: artifact.sessionId, artifactId: artifact.id, kind });
  if (scheduled) return;
  scheduled = true;
  setTimeout(flush, FLUSH_MS);
}

function flush(): void {
  scheduled = false;
  while (queue.length > 0) {
    const events = queue.splice(0, MAX_BATCH);
    void apiFetch("/api/usage", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events }),
      keepalive: true,
    }).catch(() => {});
  }
}

if (typeof window !== "undefined") window.addEventListener("pagehide", flush);
