/**
 * Snippets: SQLite's `snippet()` marks matched words with two private-use characters, which are taken out again
 * here and given as offsets, so a client highlights them without parsing or trusting markup.
 */
import type { SearchResult } from "@folio/protocol";

export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";
const MARKERS = /[\uE000\uE001]/g;

export function parseSnippet(marked: string): Pick<SearchResult, "snippet" | "highlights"> {
  const highlights: [number, number][] = [];
  let snippet = "";
  let start: number | null = null;
  let from = 0;
  for (const match of marked.matchAll(MARKERS)) {
    snippet += marked.slice(from, match.index);
    from = match.index + 1;
    if (match[0] === MATCH_START) {
      start = snippet.length;
    } else if (start !== null) {
      if (snippet.length > start) highlights.push([start, snippet.length]);
      start = null;
    }
  }
  snippet += marked.slice(from);
  return { snippet, highlights };
}
