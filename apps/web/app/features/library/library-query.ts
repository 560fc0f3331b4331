/** The library's pages: every artifact of the workspace, filtered on the server, a cursor page at a time. */
import { type WorkspaceArtifactsQuery, WorkspaceArtifactsResponse } from "@folio/protocol";
import { infiniteQueryOptions } from "@tanstack/react-query";
import { apiJson } from "../api/api-client";
import { workspaceKeys } from "../workspace/sessions";

export type LibraryFilters = Omit<WorkspaceArtifactsQuery, "cursor" | "limit">;

const FILTER_KEYS = ["type", "language", "sessionId", "since", "until", "order"] as const;

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
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) search.set(key, String(value));
      if (pageParam) search.set("cursor", pageParam);
      return apiJson(WorkspaceArtifactsResponse, `/api/artifacts?${search}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // The library is read afresh each time it is opened: artifacts change in every session.
    staleTime: 0,
  });
}
