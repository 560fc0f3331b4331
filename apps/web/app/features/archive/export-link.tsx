/**
 * A download of an export (`GET /api/export`): a plain link, so the browser streams the zip to disk as the server
 * writes it, with the workspace's cookie, and nothing of it passes through the page.
 */
import type { ExportQuery } from "@folio/protocol";

const button =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function exportUrl(scope: ExportQuery): string {
  const query = new URLSearchParams();
  if (scope.sessionId) query.set("sessionId", scope.sessionId);
  if (scope.collectionId) query.set("collectionId", scope.collectionId);
  for (const id of scope.artifactId ?? []) query.append("artifactId", id);
  const search = query.toString();
  return `/api/export${search ? `?${search}` : ""}`;
}

export function ExportLink({ scope, label, title }: { scope: ExportQuery; label: string; title?: string }) {
  return (
    <a
      href={exportUrl(scope)}
      download
      className={button}
      title={title ?? "Download a zip of every version, with folio.json"}
    >
      {label}
    </a>
  );
}
