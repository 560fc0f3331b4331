import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ArtifactEditor } from "../features/gallery/artifact-editor";
import { download } from "../features/gallery/files";
import { HighlightedCode } from "../features/highlight/highlighted-code";
import { canPreview } from "../features/preview/preview-document";
import { PreviewFrame } from "../features/preview/preview-frame";
import { ProblemAlert } from "../features/session/problem-alert";
import { useSession } from "../features/session/use-session";
import { ShareButton } from "../features/shares/share-button";
import { recordUsage } from "../features/stats/usage";
import { ThemeSelect } from "../features/theme/theme-select";
import { VersionHistory } from "../features/versions/version-history";
import type { Route } from "./+types/artifact";

export function meta() {
  return [{ title: "Folio artifact" }];
}

/** `/s/:sessionId/a/:artifactId`: one artifact full size — code, preview, details and editing. */
export default function ArtifactPage({ params }: Route.ComponentProps) {
  const session = useSession(params.sessionId);
  const navigate = useNavigate();
  // Cancel discards the edits: the editor starts over from the artifact as saved. So does a saved edit, once it
  // has landed (it is then the current version). A change from elsewhere leaves the editor alone: its text is
  // kept, and saving it shows the difference first (ArtifactEditor).
  const [edits, setEdits] = useState(0);
  const [savedFrom, setSavedFrom] = useState<number | null>(null);
  const currentVersion = session.artifacts.find((a) => a.id === params.artifactId)?.version;
  useEffect(() => {
    if (savedFrom === null || currentVersion === undefined || currentVersion <= savedFrom) return;
    setSavedFrom(null);
    setEdits((count) => count + 1);
  }, [currentVersion, savedFrom]);
  const artifact = session.artifacts.find((candidate) => candidate.id === params.artifactId);
  // A view of the page (and of its preview) counts once per artifact opened.
  const shown = artifact
    ? { id: artifact.id, sessionId: artifact.sessionId, previews: canPreview(artifact) }
    : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per artifact opened, not per render
  useEffect(() => {
    if (!shown) return;
    recordUsage(shown, "view");
    if (shown.previews) recordUsage(shown, "preview");
  }, [shown?.id]);
  const back = `/s/${params.sessionId}`;
  // `/v/:version` shows that version against the current one.
  const version =
    "version" in params && /^[1-9]\d*$/.test(String(params.version)) ? Number(params.version) : null;

  if (!artifact) {
    return (
      <main className="mx-auto max-w-5xl p-6">
        <Link to={back} className="text-sm text-indigo-600 underline">
          ← Back to the session
        </Link>
        <p className="mt-6 text-slate-500">
          {session.missing
            ? "This workspace has no such session."
            : session.loading
              ? "Loading…"
              : "This artifact does not exist (any more)."}
        </p>
      </main>
    );
  }
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
      <nav className="flex items-center justify-between gap-2">
        <Link to={back} className="text-sm text-indigo-600 underline dark:text-indigo-300">
          ← Back to the session
        </Link>
        <ThemeSelect />
      </nav>
      <ProblemAlert problem={session.problem} onDismiss={session.dismissProblem} />
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">{artifact.title}</h1>
        <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {artifact.type}
        </span>
        <button
          type="button"
          className="rounded border px-2 py-0.5 text-sm"
          onClick={() => download(artifact)}
        >
          Download
        </button>
        <ShareButton
          label="Share…"
          choices={[
            {
              label: `This version (${artifact.version})`,
              request: {
                kind: "artifact",
                sessionId: params.sessionId,
                artifactId: artifact.id,
                version: artifact.version,
              },
            },
            {
              label: "Always the latest",
              request: { kind: "artifact", sessionId: params.sessionId, artifactId: artifact.id },
            },
          ]}
        />
        <button
          type="button"
          className="rounded border px-2 py-0.5 text-sm"
          onClick={() => {
            session.deleteArtifact(artifact.id);
            void navigate(back);
          }}
        >
          Delete
        </button>
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 text-sm text-slate-600 dark:text-slate-300">
        <dt>Language</dt>
        <dd>{artifact.language ?? "text"}</dd>
        <dt>Description</dt>
        <dd>{artifact.description ?? "—"}</dd>
        <dt>Version</dt>
        <dd>{artifact.version}</dd>
        <dt>Updated</dt>
        <dd>
          <time dateTime={new Date(artifact.updatedAt).toISOString()}>
            {new Date(artifact.updatedAt).toLocaleString()}
          </time>
        </dd>
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <section
          aria-label="Code"
          className="min-w-0 overflow-auto rounded-xl border bg-white p-4 dark:bg-slate-900"
        >
          <HighlightedCode code={artifact.content} language={artifact.language} />
        </section>
        {canPreview(artifact) && (
          <section aria-label="Preview" className="min-w-0">
            <PreviewFrame artifact={artifact} className="h-[32rem] w-full rounded-xl border bg-white" />
          </section>
        )}
      </div>
      <section aria-label="Edit" className="rounded-xl border bg-white p-4 dark:bg-slate-900">
        <ArtifactEditor
          key={edits}
          artifact={artifact}
          onCancel={() => setEdits((count) => count + 1)}
          onSave={(updates, baseVersion) => {
            session.updateArtifact(artifact.id, updates, baseVersion);
            setSavedFrom(baseVersion);
          }}
        />
      </section>
      <VersionHistory
        artifact={artifact}
        selected={version}
        onRestore={(restored) => {
          session.send({ type: "restore_version", artifactId: artifact.id, version: restored });
          // Restoring is this tab's own change: the editor starts over from it.
          setSavedFrom(artifact.version);
          void navigate(`/s/${params.sessionId}/a/${artifact.id}`);
        }}
      />
    </main>
  );
}
