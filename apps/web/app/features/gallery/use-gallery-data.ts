/**
 * What the gallery shows: the session's artifacts, filtered, searched and sorted as its view asks, with blocks
 * still streaming first, and how many there are.
 *
 * The newest-first feed of every artifact is the session's own list, which may come a page at a time: `loadMore`
 * asks for the next (older) page as the end of the feed comes into view, and `total` is how many there are in
 * all. Any other view is the server's (gallery-queries.ts): another order or a filter is read a page at a time
 * as the feed scrolls, and a search (debounced) answers its matches best first, with the words matched marked in a
 * snippet of each. Until the server answers, the cards already here are filtered as asked. Each card is shown as
 * this tab has it (an answer may lag a change by a moment), and none deleted here.
 */
import type { Artifact } from "@folio/protocol";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { collectionsQuery } from "../collections/collections";
import { SEARCH_DEBOUNCE_MS } from "../search/search-queries";
import { useDebounced } from "../search/use-debounced";
import type { Draft } from "../session/cache";
import { distinct, type GalleryView, viewArtifacts } from "./filter";
import type { Entry } from "./gallery-grid";
import { listingQuery, searchQuery } from "./gallery-queries";

/** A page of the session's own list as the newest-first feed scrolls. */
const PAGE = 100;

export function useGalleryData({
  artifacts,
  drafts,
  hidden,
  sessionId,
  view,
  more,
  total,
  onLoadMore,
}: {
  artifacts: readonly Artifact[];
  drafts: readonly Draft[];
  /** Deleted here, their deletion not yet sent: not shown. */
  hidden: readonly Artifact[];
  sessionId: string;
  view: GalleryView;
  more: boolean;
  total: number | undefined;
  onLoadMore: ((limit: number) => void) | undefined;
}) {
  const collections = useQuery(collectionsQuery);
  const all = useMemo(() => {
    const ids = new Set(hidden.map((artifact) => artifact.id));
    return artifacts.filter((artifact) => !ids.has(artifact.id));
  }, [artifacts, hidden]);

  const searching = view.query.trim() !== "";
  const query = useDebounced(view.query.trim(), SEARCH_DEBOUNCE_MS);
  const search = useQuery({ ...searchQuery(sessionId, view, query), enabled: searching && query !== "" });
  const listed =
    !searching &&
    (view.sort !== "newest" || view.type !== "" || view.language !== "" || view.collection !== "");
  const listing = useInfiniteQuery({ ...listingQuery(sessionId, view), enabled: listed });
  const answer: readonly Artifact[] | undefined = searching
    ? search.data?.results.map((result) => result.artifact)
    : listing.data?.pages.flatMap((page) => page.artifacts);

  const shown = useMemo(() => {
    if (!searching && !listed) return viewArtifacts(all, view);
    // A collection's members are known only to the server.
    if (!answer) return view.collection === "" ? viewArtifacts(all, view) : [];
    const here = new Map(all.map((artifact) => [artifact.id, artifact]));
    const gone = new Set(hidden.map((artifact) => artifact.id));
    const seen = new Set<string>();
    return answer.flatMap((artifact) => {
      // Pages counted by place may repeat one that moved between them.
      if (gone.has(artifact.id) || seen.has(artifact.id)) return [];
      seen.add(artifact.id);
      return [here.get(artifact.id) ?? artifact];
    });
  }, [searching, listed, all, view, answer, hidden]);
  const snippets = useMemo(
    () =>
      new Map((searching ? (search.data?.results ?? []) : []).map((result) => [result.artifact.id, result])),
    [searching, search.data],
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
  const count = more && total !== undefined ? Math.max(total - hidden.length, all.length) : all.length;
  // How many cards the feed holds in all: unknown (-1) while a listing has pages still to read.
  let setSize = entries.length;
  if (!searching && !listed && more) setSize = drafts.length + count;
  if (listed && listing.hasNextPage) setSize = -1;

  return {
    entries,
    count,
    setSize,
    snippets,
    types,
    languages,
    collections: collections.data ?? [],
    /** Whether the session holds artifacts at all, and whether the view leaves all of them out. */
    empty: all.length === 0,
    noMatch: all.length > 0 && shown.length === 0 && !(view.collection !== "" && !answer),
    /** A search with more matches than it shows. */
    capped: searching && Boolean(search.data?.nextCursor),
    /** The end of the feed is in view. */
    nearEnd() {
      if (listed) {
        if (listing.hasNextPage && !listing.isFetchingNextPage) void listing.fetchNextPage();
      } else if (!searching && more) {
        onLoadMore?.(PAGE);
      }
    },
  };
}
