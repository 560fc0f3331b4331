/**
 * Sending a file to `POST /api/import` and following its progress: the answer is one JSON line per event
 * (@folio/protocol's `ImportEvent`), read as it arrives.
 */
import { ImportEvent, type ImportSummary } from "@folio/protocol";
import { apiFetch } from "../api/api-client";

export interface ImportProgress {
  done: number;
  total: number | null;
  latest: string | null;
}

/** The body's content type, from the file's name: the server reads a zip, JSON or markdown. */
export function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".md") || name.endsWith(".markdown")) return "text/markdown";
  return file.type || "text/plain";
}

export async function runImport(
  body: Blob | string,
  type: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const response = await apiFetch("/api/import", {
    method: "POST",
    headers: { "content-type": type, accept: "application/x-ndjson" },
    body,
  });
  if (!response.ok || !response.body) {
    const error = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(error?.error?.message ?? `the server answered ${response.status}`);
  }
  const progress: ImportProgress = { done: 0, total: null, latest: null };
  let summary: ImportSummary | null = null;
  let pending = "";
  const handle = (line: string) => {
    if (line.trim() === "") return;
    const event = ImportEvent.parse(JSON.parse(line));
    if (event.type === "start") progress.total = event.total;
    else if (event.type === "session") {
      progress.done = event.done;
      progress.latest = event.session.title;
    } else if (event.type === "done") summary = event.summary;
    else throw new Error(event.message);
    onProgress({ ...progress });
  };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) handle(line);
  }
  handle(pending);
  if (!summary) throw new Error("the import stopped before it finished");
  return summary;
}
