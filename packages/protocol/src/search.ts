/**
 * Full-text search over artifacts (title, description and content of their current versions), in a session and
 * across a workspace. Any text is a query: its words are all required, whatever characters surround them, and
 * the last is matched as a prefix (search-as-you-type); text without a word matches nothing.
 */
import { z } from "zod";
import { Artifact } from "./entities.js";
import { NextCursor } from "./paging.js";

export const SearchText = z.string().max(1000);

/** `[start, end)` offsets into a snippet, in UTF-16 code units, of a matched word. */
export const Highlight = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/**
 * One match: the artifact, a short excerpt of its best-matching field with `…` where it was cut, the matched
 * words' places in that excerpt, and its relevance (higher is better; BM25, title weighted above description
 * above content). Results come best first.
 */
export const SearchResult = z.object({
  artifact: Artifact,
  snippet: z.string(),
  highlights: z.array(Highlight),
  rank: z.number(),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** `GET /api/sessions/:id/artifacts?q=` and `GET /api/artifacts?q=`. */
export const SearchResponse = z.object({ results: z.array(SearchResult), nextCursor: NextCursor });
export type SearchResponse = z.infer<typeof SearchResponse>;
