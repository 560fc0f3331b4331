/**
 * What the gallery shows: the session's artifacts, filtered, searched and sorted as its view asks, with blocks
 * still streaming first, and how many there are.
 *
 * The artifacts may come a page at a time, newest first: `loadMore` asks for the next (older) page as the end of
 * the feed comes into view, and every page (a page after another) is asked for when the view needs them all
 * (another order, or a filter); `total` is how many there are in all.
 *
 * With a `sessionId`, a search asks the server (debounced), which ranks matches best first and marks the words
 * matched in a snippet of each; until it answers, the cards already here are filtered as typed.
 */
import type { Artifact, SearchResult } from "@folio/protocol";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { collectionsQuery, membersQuery } from "../collections/collections";
import { SEARCH_DEBOUNCE_MS, sessionSearchQuery } from "../search/search-queries";
import { useDebounced } from "../search/use-debounced";
import type { Draft } from "../session/cache";
import { distinct, type GalleryView, viewArtifacts } from "./filter";
import type { Entry } from "./gallery-grid";

/** The most matches a search shows (best first). */
export const SEARCH_RESULTS = 500;
/** A page as the feed scrolls, and a page when every artifact is needed. */
const PAGE = 100;
const LOAD_ALL_PAGE = 500;

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
  sessionId: string | undefined;
  view: GalleryView;
  more: boolean;
  total: number | undefined;
  onLoadMore: ((limit: number) => void) | undefined;
}) {
  const collections = useQuery({ ...collectionsQuery, enabled: sessionId !== undefined });
  const members = useQuery({
    ...membersQuery(view.collection, sessionId ?? ""),
    enabled: sessionId !== undefined && view.collection !== "",
  });
  const all = useMemo(() => {
    const ids = new Set(hidden.map((artifact) => artifact.id));
    return artifacts.filter((artifact) => !ids.has(artifact.id));
  }, [artifacts, hidden]);
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
      ? Math.max(total - hidden.length, visible.length)
      : visible.length;
  const unfiltered =
    results === null &&
    view.type === "" &&
    view.language === "" &&
    view.collection === "" &&
    view.query.trim() === "";
  const setSize = more && unfiltered ? drafts.length + count : entries.length;

  // Another order or a filter needs every artifact; the newest-first feed needs only what comes into view.
  const needsAll =
    view.sort !== "newest" || view.type !== "" || view.language !== "" || view.collection !== "";
  // After every render: each page that lands may call for the next.
  useEffect(() => {
    if (more && onLoadMore && needsAll) onLoadMore(LOAD_ALL_PAGE);
  });

  return {
    entries,
    count,
    setSize,
    snippets,
    types,
    languages,
    collections: collections.data ?? [],
    /** Whether the session holds artifacts at all, and whether the view leaves any of them out. */
    empty: all.length === 0,
    noMatch: all.length > 0 && shown.length === 0,
    /** A search with more matches than it shows. */
    capped: Boolean(search.data?.nextCursor) && results !== null,
    /** The end of the feed is in view. */
    nearEnd() {
      if (more && onLoadMore && !needsAll) onLoadMore(PAGE);
    },
  };
}
