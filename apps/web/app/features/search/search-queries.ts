/**
 * Full-text searches of the whole workspace on the server (ranked, with snippets); a session's gallery searches
 * its own (gallery/gallery-queries.ts). Results are never cached for long: artifacts change in every session.
 */
import { SearchResponse } from "@folio/protocol";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiJson } from "../api/api-client";

/** How long a query has to hold still before it is sent. */
export const SEARCH_DEBOUNCE_MS = 200;

export interface SearchFilters {
  type?: string | undefined;
  language?: string | undefined;
  sessionId?: string | undefined;
  limit?: number | undefined;
}

function params(q: string, filters: SearchFilters): URLSearchParams {
  const search = new URLSearchParams({ q });
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  return search;
}

/** The workspace's artifacts matching `q`, best first. */
export function workspaceSearchQuery(q: string, filters: SearchFilters) {
  return queryOptions({
    queryKey: ["search", "workspace", q, filters],
    queryFn: () => apiJson(SearchResponse, `/api/artifacts?${params(q, filters)}`),
    enabled: q.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
