import type { Artifact } from "@folio/protocol";
import { useRef, useState } from "react";
import type { Draft } from "../session/cache";
import type { ArtifactActions } from "./artifact-card";
import { ALL, type GalleryView } from "./filter";
import { GalleryFilters } from "./gallery-filters";
import { GalleryGrid, type GridHandle } from "./gallery-grid";
import { SEARCH_RESULTS } from "./gallery-queries";
import { useGalleryData } from "./use-gallery-data";
import { useUndoableDelete } from "./use-undoable-delete";

/**
 * Every artifact of the session, filtered, searched and sorted (use-gallery-data.ts), with blocks still
 * streaming shown first, in a feed that draws only the cards in view (gallery-grid.tsx). Deleting hides the card
 * at once and offers Undo (use-undoable-delete.ts). From the search box, the Down arrow moves to the first card.
 */
export function Gallery({
  artifacts,
  drafts,
  actions,
  sessionId,
  more = false,
  onLoadMore,
  total,
}: {
  artifacts: readonly Artifact[];
  drafts: readonly Draft[];
  actions?: ArtifactActions;
  sessionId: string;
  /** Whether older artifacts are still to be read. */
  more?: boolean;
  onLoadMore?(limit: number): void;
  total?: number | undefined;
}) {
  const [view, setView] = useState<GalleryView>(ALL);
  const deletion = useUndoableDelete(actions);
  const data = useGalleryData({
    artifacts,
    drafts,
    hidden: deletion.pending,
    sessionId,
    view,
    more,
    total,
    onLoadMore,
  });
  const grid = useRef<GridHandle>(null);

  return (
    <section aria-label="Artifacts" className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Artifacts ({data.count})
      </h2>
      <GalleryFilters
        view={view}
        onChange={setView}
        types={data.types}
        languages={data.languages}
        collections={data.collections}
        onLeave={() => grid.current?.focusCard(0)}
      />
      {deletion.pending.map((artifact) => (
        <div
          key={artifact.id}
          role="status"
          className="flex items-center justify-between rounded-lg bg-slate-800 px-3 py-2 text-sm text-white"
        >
          Deleted {artifact.title}
          <button type="button" onClick={() => deletion.undo(artifact)} className="font-semibold underline">
            Undo
          </button>
        </div>
      ))}
      {data.capped && <p className="text-xs text-slate-500">Showing the best {SEARCH_RESULTS} matches.</p>}
      <GalleryGrid
        ref={grid}
        entries={data.entries}
        setSize={data.setSize}
        snippets={data.snippets}
        actions={deletion.actions}
        onNearEnd={data.nearEnd}
      >
        {data.noMatch && <p className="text-sm text-slate-500">No artifact matches these filters.</p>}
        {data.empty && drafts.length === 0 && (
          <p className="text-sm text-slate-500">Code blocks from the conversation will appear here.</p>
        )}
      </GalleryGrid>
    </section>
  );
}
