/**
 * An artifact's versions, newest first: what made each and when. Choosing one shows how it differs from the
 * current version (a line diff from the server, unified or side by side) and offers to restore it, which adds a new version.
 */
import type { Artifact, ArtifactVersion } from "@folio/protocol";
import { VersionDiffResponse, VersionsResponse } from "@folio/protocol";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { apiJson } from "../api/api-client";
import { DiffView } from "./diff-view";

const SOURCES: Record<ArtifactVersion["source"], string> = {
  model: "written by the model",
  edit: "edited",
  restore: "restored",
  import: "imported",
};

export function VersionHistory({
  artifact,
  selected,
  onRestore,
}: {
  artifact: Artifact;
  /** The version shown against the current one, from the URL (`/v/:n`). */
  selected: number | null;
  onRestore(version: number): void;
}) {
  const base = `/api/sessions/${artifact.sessionId}/artifacts/${artifact.id}`;
  const page = `/s/${artifact.sessionId}/a/${artifact.id}`;
  const versions = useQuery({
    // Not under ["session", id]: the session's resync cancels those queries while its listings are in flight.
    queryKey: ["versions", artifact.sessionId, artifact.id, artifact.version],
    queryFn: async () => (await apiJson(VersionsResponse, `${base}/versions`)).versions,
  });
  const chosen = selected !== null && selected !== artifact.version ? selected : null;
  const diff = useQuery({
    queryKey: ["versions", artifact.sessionId, artifact.id, "diff", chosen, artifact.version],
    queryFn: async () =>
      (await apiJson(VersionDiffResponse, `${base}/versions/${chosen}/diff/${artifact.version}`)).diff,
    enabled: chosen !== null,
  });

  return (
    <section aria-labelledby="history-title" className="rounded-xl border bg-white p-4 dark:bg-slate-900">
      <h2 id="history-title" className="font-semibold">
        History
      </h2>
      <ol aria-label="Versions" className="mt-2 space-y-1 text-sm">
        {[...(versions.data ?? [])].reverse().map((version) => (
          <li key={version.version} className="flex flex-wrap items-baseline gap-2">
            <Link
              to={version.version === artifact.version ? page : `${page}/v/${version.version}`}
              aria-current={version.version === (chosen ?? artifact.version) ? "true" : undefined}
              className="font-medium text-indigo-600 underline aria-[current=true]:font-bold aria-[current=true]:no-underline dark:text-indigo-300"
            >
              Version {version.version}
            </Link>
            <span className="text-slate-500">
              {SOURCES[version.source]}
              {version.restoredFrom !== null ? ` from version ${version.restoredFrom}` : ""},{" "}
              {new Date(version.createdAt).toLocaleString()}
              {version.version === artifact.version ? " (current)" : ""}
            </span>
          </li>
        ))}
      </ol>
      {chosen !== null && (
        <div className="mt-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">
              Version {chosen} → version {artifact.version} (current)
            </h3>
            <button
              type="button"
              className="rounded border px-2 py-0.5 text-sm"
              onClick={() => onRestore(chosen)}
            >
              Restore version {chosen}
            </button>
          </div>
          {diff.data ? <DiffView diff={diff.data} /> : <p className="text-sm text-slate-500">Comparing…</p>}
        </div>
      )}
    </section>
  );
}
