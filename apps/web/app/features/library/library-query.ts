/**
 * The library's pages: every artifact of the workspace, filtered on the server, a cursor page at a time; with a
 * query `q`, the matches of a full-text search instead, best first, each with its snippet.
 */
import {
  type Artifact,
  SearchResponse,
  type SearchResult,
  type WorkspaceArtifactsQuery,
  WorkspaceArtifactsResponse,
} from "@folio/protocol";
import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiJson } from "../api/api-client";
import { workspaceKeys } from "../workspace/sessions";

export type LibraryFilters = Omit<WorkspaceArtifactsQuery, "cursor" | "limit">;

const FILTER_KEYS = [
  "q",
  "type",
  "language",
  "sessionId",
  "collectionId",
  "since",
  "until",
  "order",
] as const;

/** A page of the library: artifacts, and when searching, the match of each. */
export interface LibraryPage {
  artifacts: Artifact[];
  matches: SearchResult[] | null;
  nextCursor: string | null;
}

/** The filters a URL's search parameters spell (the library's filters live in its URL, to be shared). */
export function filtersFrom(search: URLSearchParams): LibraryFilters {
  const filters: Record<string, string | number> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value === null || value === "") continue;
    filters[key] = key === "since" || key === "until" ? Number(value) : value;
  }
  return filters as LibraryFilters;
}

export function libraryQuery(filters: LibraryFilters) {
  return infiniteQueryOptions({
    queryKey: [...workspaceKeys.library, filters],
    queryFn: async ({ pageParam }): Promise<LibraryPage> => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) search.set(key, String(value));
      if (pageParam) search.set("cursor", pageParam);
      if (filters.q !== undefined) {
        const found = await apiJson(SearchResponse, `/api/artifacts?${search}`);
        const artifacts = found.results.map((result) => result.artifact);
        return { artifacts, matches: found.results, nextCursor: found.nextCursor };
      }
      const page = await apiJson(WorkspaceArtifactsResponse, `/api/artifacts?${search}`);
      return { ...page, matches: null };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The library is read afresh each time it is opened: artifacts change in every session.
    staleTime: 0,
  });
}
