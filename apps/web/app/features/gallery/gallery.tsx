import type { Artifact, SearchResult } from "@folio/protocol";
import { useQuery } from "@tanstack/react-query";
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { collectionsQuery, membersQuery } from "../collections/collections";
import { SEARCH_DEBOUNCE_MS, sessionSearchQuery } from "../search/search-queries";
import { useDebounced } from "../search/use-debounced";
import type { Draft } from "../session/cache";
import { type ArtifactActions, ArtifactCard } from "./artifact-card";
import { DraftCard } from "./draft-card";
import { ALL, distinct, type GalleryView, viewArtifacts } from "./filter";

/** The most matches a search shows (best first). */
const SEARCH_RESULTS = 500;
/** A page as the feed scrolls, and a page when every artifact is needed; how near the end the next is asked for. */
const PAGE = 100;
const LOAD_ALL_PAGE = 500;
const LOAD_AHEAD = 10;

const UNDO_MS = 5000;
// A card with its first lines of code; real heights are measured once a card is drawn.
const ESTIMATED_CARD_HEIGHT = 320;
const CARD_GAP = 12;

type Entry = { kind: "draft"; draft: Draft } | { kind: "artifact"; artifact: Artifact };

const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Every artifact of the session, filtered, searched and sorted, with blocks still streaming shown first.
 * Only the cards in view (and a few around them) are drawn, so thousands of artifacts scroll smoothly and only
 * what is visible gets highlighted. Deleting hides the card at once and offers Undo; the deletion is sent when
 * the undo window closes, or at once when the gallery goes away first (the user opened an artifact, or is leaving
 * the page): a deletion asked for is never dropped.
 *
 * The artifacts may come a page at a time, newest first: `onLoadMore` asks for the next (older) page as the end
 * of the feed comes into view, and for all of them (a page after another) when the view needs them all (another
 * order, or a filter); `total` is how many there are in all.
 *
 * With a `sessionId`, a search asks the server (debounced), which ranks matches best first and marks the words
 * matched in a snippet of each; until it answers, the cards already here are filtered as typed. From the search
 * box, the Down arrow moves to the first card, and Up and Down move between cards.
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
  sessionId?: string;
  /** Whether older artifacts are still to be read. */
  more?: boolean;
  onLoadMore?(limit: number): void;
  total?: number | undefined;
}) {
  const [view, setView] = useState<GalleryView>(ALL);
  const [pending, setPending] = useState<Artifact[]>([]);
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; artifact: Artifact }>());
  // The latest actions, for deletions sent after this render (by a timer, or as the gallery goes away).
  const latest = useRef(actions);
  latest.current = actions;

  // A layout effect, so that on unmount its cleanup runs before the session's socket closes (a passive effect of
  // the route): the deletions still go out on it.
  useLayoutEffect(() => {
    const scheduled = timers.current;
    const sendNow = () => {
      for (const { timer, artifact } of scheduled.values()) {
        clearTimeout(timer);
        latest.current?.onDelete(artifact);
      }
      scheduled.clear();
    };
    addEventListener("pagehide", sendNow);
    return () => {
      removeEventListener("pagehide", sendNow);
      sendNow();
    };
  }, []);

  const galleryActions: ArtifactActions | undefined = actions && {
    onUpdate: actions.onUpdate,
    onDelete(artifact) {
      setPending((list) => [...list, artifact]);
      const timer = setTimeout(() => {
        timers.current.delete(artifact.id);
        setPending((list) => list.filter((a) => a.id !== artifact.id));
        latest.current?.onDelete(artifact);
      }, UNDO_MS);
      timers.current.set(artifact.id, { timer, artifact });
    },
  };

  function undo(artifact: Artifact) {
    clearTimeout(timers.current.get(artifact.id)?.timer);
    timers.current.delete(artifact.id);
    setPending((list) => list.filter((a) => a.id !== artifact.id));
  }

  const collections = useQuery({ ...collectionsQuery, enabled: sessionId !== undefined });
  const members = useQuery({
    ...membersQuery(view.collection, sessionId ?? ""),
    enabled: sessionId !== undefined && view.collection !== "",
  });
  const all = useMemo(() => {
    const hidden = new Set(pending.map((artifact) => artifact.id));
    return artifacts.filter((artifact) => !hidden.has(artifact.id));
  }, [artifacts, pending]);
  // A collection chosen: only its artifacts (none until its members are read).
  const visible = useMemo(() => {
    if (view.collection === "") return all;
    const ids = members.data;
    return ids ? all.filter((artifact) => ids.has(artifact.id)) : [];
  }, [all, view.collection, members.data]);
  const query = useDebounced(view.query.trim(), SEARCH_DEBOUNCE_MS);
  // Any change to the artifacts asks again, so results follow edits and deletions.
  const revision = useMemo(
    () => `${artifacts.length}:${artifacts.reduce((latest, a) => Math.max(latest, a.updatedAt), 0)}`,
    [artifacts],
  );
  const filters = { type: view.type, language: view.language, limit: SEARCH_RESULTS };
  const search = useQuery({
    ...sessionSearchQuery(sessionId ?? "", query, filters, revision),
    enabled: sessionId !== undefined && query !== "",
  });
  const results: SearchResult[] | null =
    sessionId !== undefined && view.query.trim() !== "" && search.data ? search.data.results : null;
  const shown = useMemo(() => {
    if (results === null) return viewArtifacts(visible, view);
    // Each match as this tab has it now (a result may lag an edit by a moment), and none deleted meanwhile.
    const live = new Map(visible.map((artifact) => [artifact.id, artifact]));
    return results.flatMap((result) => {
      const artifact = live.get(result.artifact.id);
      return artifact ? [artifact] : [];
    });
  }, [results, visible, view]);
  const snippets = useMemo(
    () => new Map((results ?? []).map((result) => [result.artifact.id, result])),
    [results],
  );
  const types = useMemo(() => distinct(all, "type"), [all]);
  const languages = useMemo(() => distinct(all, "language"), [all]);
  const entries: Entry[] = useMemo(
    () => [
      ...drafts.map((draft) => ({ kind: "draft" as const, draft })),
      ...shown.map((artifact) => ({ kind: "artifact" as const, artifact })),
    ],
    [drafts, shown],
  );
  // With older pages still to come, the whole is what the session counts (less deletions waiting here).
  const count =
    more && total !== undefined && view.collection === ""
      ? Math.max(total - pending.length, visible.length)
      : visible.length;
  const unfiltered =
    results === null &&
    view.type === "" &&
    view.language === "" &&
    view.collection === "" &&
    view.query.trim() === "";
  const setSize = more && unfiltered ? drafts.length + count : entries.length;

  // Open cards (editing or previewing) stay drawn even when scrolled far away: unsaved text is never dropped
  // and a running preview is not restarted.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  function onOpenChange(id: string, isOpen: boolean) {
    setOpen((ids) => {
      const next = new Set(ids);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    gap: CARD_GAP,
    overscan: 3,
    getItemKey: (index) => {
      const entry = entries[index] as Entry;
      return entry.kind === "draft"
        ? `draft:${entry.draft.messageId}:${entry.draft.index}`
        : entry.artifact.id;
    },
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (open.size === 0) return indexes;
      entries.forEach((entry, index) => {
        if (entry.kind === "artifact" && open.has(entry.artifact.id) && !indexes.includes(index)) {
          indexes.push(index);
        }
      });
      return indexes.sort((a, b) => a - b);
    },
    useFlushSync: false,
  });

  // After every render: each page that lands may call for the next.
  useEffect(() => {
    if (!more || !onLoadMore) return;
    // Another order or a filter needs every artifact; the newest-first feed needs only what comes into view.
    if (view.sort !== "newest" || view.type !== "" || view.language !== "" || view.collection !== "") {
      return onLoadMore(LOAD_ALL_PAGE);
    }
    const last = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
    if (last >= entries.length - LOAD_AHEAD) onLoadMore(PAGE);
  });

  /** Moves focus to the title link of the card at this place in the feed, scrolling it into view. */
  function focusCard(index: number) {
    if (index < 0 || index >= entries.length) return;
    virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] article h3 a`)?.focus();
    });
  }

  function onFeedKeyDown(event: React.KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const target = event.target as HTMLElement;
    if (!target.matches("article h3 a")) return;
    const index = Number(target.closest("[data-index]")?.getAttribute("data-index"));
    event.preventDefault();
    focusCard(index + (event.key === "ArrowDown" ? 1 : -1));
  }

  return (
    <section aria-label="Artifacts" className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Artifacts ({count})</h2>
      <div className="flex flex-wrap gap-2">
        <input
          type="search"
          aria-label="Search artifacts"
          placeholder="Search…"
          value={view.query}
          onChange={(event) => setView({ ...view, query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key !== "ArrowDown") return;
            event.preventDefault();
            focusCard(0);
          }}
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
        {collections.data && collections.data.length > 0 && (
          <select
            aria-label="Collection"
            value={view.collection}
            onChange={(event) => setView({ ...view, collection: event.target.value })}
            className={control}
          >
            <option value="">All collections</option>
            {collections.data.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
          </select>
        )}
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
      {search.data?.nextCursor && results !== null && (
        <p className="text-xs text-slate-500">Showing the best {SEARCH_RESULTS} matches.</p>
      )}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the cards' links */}
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" onKeyDown={onFeedKeyDown}>
        <div
          role="feed"
          aria-label="Artifact cards"
          aria-busy={drafts.length > 0}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index] as Entry;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {entry.kind === "draft" ? (
                  <DraftCard draft={entry.draft} position={item.index + 1} total={setSize} />
                ) : (
                  <ArtifactCard
                    artifact={entry.artifact}
                    match={snippets.get(entry.artifact.id)}
                    position={item.index + 1}
                    total={setSize}
                    onOpenChange={(isOpen) => onOpenChange(entry.artifact.id, isOpen)}
                    {...(galleryActions ? { actions: galleryActions } : {})}
                  />
                )}
              </div>
            );
          })}
        </div>
        {all.length > 0 && shown.length === 0 && (
          <p className="text-sm text-slate-500">No artifact matches these filters.</p>
        )}
        {all.length === 0 && drafts.length === 0 && (
          <p className="text-sm text-slate-500">Code blocks from the conversation will appear here.</p>
        )}
      </div>
    </section>
  );
}
