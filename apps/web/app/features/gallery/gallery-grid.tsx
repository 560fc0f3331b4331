import type { Artifact, SearchResult } from "@folio/protocol";
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Draft } from "../session/cache";
import { type ArtifactActions, ArtifactCard } from "./artifact-card";
import { DraftCard } from "./draft-card";

export type Entry = { kind: "draft"; draft: Draft } | { kind: "artifact"; artifact: Artifact };

export interface GridHandle {
  /** Moves focus to the title link of the card at this place in the feed, scrolling it into view. */
  focusCard(index: number): void;
}

/** How near the end of the feed (in cards) the next page is asked for. */
const LOAD_AHEAD = 10;
// A card with its first lines of code; real heights are measured once a card is drawn.
const ESTIMATED_CARD_HEIGHT = 320;
const CARD_GAP = 12;

/**
 * The gallery's feed of cards. Only the cards in view (and a few around them) are drawn, so thousands of
 * artifacts scroll smoothly and only what is visible gets highlighted; a card being edited or previewed stays
 * drawn however far it is scrolled. Up and Down move between the cards' links. `children` follow the feed (what
 * to say when it is empty).
 */
export function GalleryGrid({
  ref,
  entries,
  setSize,
  snippets,
  actions,
  onNearEnd,
  children,
}: {
  ref?: Ref<GridHandle>;
  entries: readonly Entry[];
  /** How many cards the whole feed holds, some perhaps not read yet. */
  setSize: number;
  snippets: ReadonlyMap<string, SearchResult>;
  actions: ArtifactActions | undefined;
  /** Told after every render that shows the feed's last cards. */
  onNearEnd(): void;
  children?: ReactNode;
}) {
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
    const last = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
    if (last >= entries.length - LOAD_AHEAD) onNearEnd();
  });

  function focusCard(index: number) {
    if (index < 0 || index >= entries.length) return;
    virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] article h3 a`)?.focus();
    });
  }
  useImperativeHandle(ref, () => ({ focusCard }));

  function onFeedKeyDown(event: React.KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const target = event.target as HTMLElement;
    if (!target.matches("article h3 a")) return;
    const index = Number(target.closest("[data-index]")?.getAttribute("data-index"));
    event.preventDefault();
    focusCard(index + (event.key === "ArrowDown" ? 1 : -1));
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the cards' links
    <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" onKeyDown={onFeedKeyDown}>
      <div
        role="feed"
        aria-label="Artifact cards"
        aria-busy={entries.some((entry) => entry.kind === "draft")}
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
                  {...(actions ? { actions } : {})}
                />
              )}
            </div>
          );
        })}
      </div>
      {children}
    </div>
  );
}
