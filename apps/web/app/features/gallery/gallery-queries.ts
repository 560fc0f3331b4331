/**
 * What the gallery asks the server for when its view is not the session's newest-first feed: the artifacts in
 * another order or filtered, a page at a time as the feed scrolls, and the matches of a search, best first. A
 * collection's are the workspace's listing of the session's artifacts it holds. The session's frames mark every
 * one of these stale (session/cache.ts), and so do a collection's, so a view follows what changes.
 */
import { ArtifactsResponse, SearchResponse, WorkspaceArtifactsResponse } from "@folio/protocol";
import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiJson } from "../api/api-client";
import { sessionKeys } from "../session/cache";
import type { GalleryView } from "./filter";

/** A page as the feed scrolls; the most matches a search shows. */
const PAGE = 100;
export const SEARCH_RESULTS = 500;

/** The query of a request to the session's listing, or to the workspace's when a collection is chosen. */
function pathOf(
  sessionId: string,
  collection: string,
  fields: Record<string, string | number | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== "") search.set(key, String(value));
  }
  if (collection === "") return `/api/sessions/${sessionId}/artifacts?${search}`;
  search.set("sessionId", sessionId);
  search.set("collectionId", collection);
  return `/api/artifacts?${search}`;
}

/** The view's artifacts in its order, filtered by the server, a page at a time. */
export function listingQuery(sessionId: string, view: GalleryView) {
  const { type, language, sort, collection } = view;
  return infiniteQueryOptions({
    queryKey: [...sessionKeys.gallery(sessionId), "listing", { type, language, sort, collection }],
    queryFn: async ({ pageParam }) => {
      const fields = { type, language, order: sort, limit: PAGE, cursor: pageParam };
      const path = pathOf(sessionId, collection, fields);
      return collection === "" ? apiJson(ArtifactsResponse, path) : apiJson(WorkspaceArtifactsResponse, path);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The view's artifacts matching `q`, best first, each with its snippet. */
export function searchQuery(sessionId: string, view: GalleryView, q: string) {
  const { type, language, collection } = view;
  return queryOptions({
    queryKey: [...sessionKeys.gallery(sessionId), "search", q, { type, language, collection }],
    queryFn: () =>
      apiJson(SearchResponse, pathOf(sessionId, collection, { q, type, language, limit: SEARCH_RESULTS })),
    enabled: q !== "",
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
