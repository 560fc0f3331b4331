import type { Artifact } from "@folio/protocol";
import { useEffect, useRef, useState } from "react";
import type { Draft } from "../session/cache";
import { type ArtifactActions, ArtifactCard } from "./artifact-card";
import { ALL, distinct, type GalleryView, viewArtifacts } from "./filter";

const UNDO_MS = 5000;

const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Every artifact of the session, filtered, searched and sorted, with blocks still streaming shown first.
 * Deleting hides the card at once and offers Undo; the deletion is sent when the undo window closes.
 */
export function Gallery({
  artifacts,
  drafts,
  actions,
}: {
  artifacts: readonly Artifact[];
  drafts: readonly Draft[];
  actions?: ArtifactActions;
}) {
  const [view, setView] = useState<GalleryView>(ALL);
  const [pending, setPending] = useState<Artifact[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const scheduled = timers.current;
    return () => {
      for (const timer of scheduled.values()) clearTimeout(timer);
    };
  }, []);

  const galleryActions: ArtifactActions | undefined = actions && {
    onUpdate: actions.onUpdate,
    onDelete(artifact) {
      setPending((list) => [...list, artifact]);
      timers.current.set(
        artifact.id,
        setTimeout(() => {
          timers.current.delete(artifact.id);
          setPending((list) => list.filter((a) => a.id !== artifact.id));
          actions.onDelete(artifact);
        }, UNDO_MS),
      );
    },
  };

  function undo(artifact: Artifact) {
    clearTimeout(timers.current.get(artifact.id));
    timers.current.delete(artifact.id);
    setPending((list) => list.filter((a) => a.id !== artifact.id));
  }

  const hidden = new Set(pending.map((artifact) => artifact.id));
  const visible = artifacts.filter((artifact) => !hidden.has(artifact.id));
  const shown = viewArtifacts(visible, view);
  const types = distinct(visible, "type");
  const languages = distinct(visible, "language");

  return (
    <section aria-label="Artifacts" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Artifacts ({visible.length})
      </h2>
      <div className="flex flex-wrap gap-2">
        <input
          type="search"
          aria-label="Search artifacts"
          placeholder="Search…"
          value={view.query}
          onChange={(event) => setView({ ...view, query: event.target.value })}
          className={`${control} min-w-0 flex-1`}
        />
        <select
          aria-label="Type"
          value={view.type}
          onChange={(event) => setView({ ...view, type: event.target.value })}
          className={control}
        >
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
        <select
          aria-label="Language"
          value={view.language}
          onChange={(event) => setView({ ...view, language: event.target.value })}
          className={control}
        >
          <option value="">All languages</option>
          {languages.map((language) => (
            <option key={language}>{language}</option>
          ))}
        </select>
        <select
          aria-label="Sort"
          value={view.sort}
          onChange={(event) => setView({ ...view, sort: event.target.value as GalleryView["sort"] })}
          className={control}
        >
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="title">By title</option>
        </select>
      </div>
      {pending.map((artifact) => (
        <div
          key={artifact.id}
          role="status"
          className="flex items-center justify-between rounded-lg bg-slate-800 px-3 py-2 text-sm text-white"
        >
          Deleted {artifact.title}
          <button type="button" onClick={() => undo(artifact)} className="font-semibold underline">
            Undo
          </button>
        </div>
      ))}
      {drafts.map((draft) => (
        <article
          key={`${draft.messageId}:${draft.index}`}
          aria-label={`Streaming ${draft.lang ?? "code"} block`}
          aria-busy="true"
          className="rounded-xl border border-dashed border-indigo-300 bg-white p-4 dark:bg-slate-900"
        >
          <p className="mb-2 text-xs text-indigo-600">Streaming… {draft.info}</p>
          <pre className="overflow-hidden text-xs leading-5">
            <code>{draft.code.split("\n").slice(-12).join("\n")}</code>
          </pre>
        </article>
      ))}
      {shown.map((artifact) => (
        <ArtifactCard
          key={artifact.id}
          artifact={artifact}
          {...(galleryActions ? { actions: galleryActions } : {})}
        />
      ))}
      {visible.length > 0 && shown.length === 0 && (
        <p className="text-sm text-slate-500">No artifact matches these filters.</p>
      )}
      {visible.length === 0 && drafts.length === 0 && (
        <p className="text-sm text-slate-500">Code blocks from the conversation will appear here.</p>
      )}
    </section>
  );
}
