/**
 * Snippets, cut here rather than by SQLite's `snippet()` (which re-read the index and re-tokenised every field of
 * every result: about half a millisecond a result of 2 KB). The words of the text are read as the index reads them
 * (runs of letters, digits and marks, compared without case or accents), the query's words are found among them
 * (the last as a prefix, as in the query), and the excerpt is the stretch of SNIPPET_WORDS words with the most
 * matches, from the first field that has one: content, then description, then title. Matched words are given as
 * offsets into the excerpt, so a client highlights them without parsing or trusting markup.
 */
import type { SearchResult } from "@folio/protocol";
import { queryWords, WORD } from "./match-expression.js";

/** About this many words make a snippet. */
export const SNIPPET_WORDS = 24;
const ELLIPSIS = "…";

type Snippet = Pick<SearchResult, "snippet" | "highlights">;

const NOT_ASCII = /[^ -~\s]/;

/** How the index compares words: no case, no accents (only a word with other than ASCII can have accents). */
export function foldWord(word: string): string {
  return NOT_ASCII.test(word)
    ? word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    : word.toLowerCase();
}

/** A test of whether a word of the text matches the query (its last word as a prefix). */
export function wordMatcher(query: string): (word: string) => boolean {
  const words = queryWords(query).map(foldWord);
  const whole = new Set(words.slice(0, -1));
  const last = words.at(-1) ?? null;
  const lastIsPrefix = last !== null && [...last].length > 1;
  return (word) => {
    const folded = foldWord(word);
    if (whole.has(folded) || folded === last) return true;
    return lastIsPrefix && folded.startsWith(last as string);
  };
}

export function cutSnippet(fields: readonly (string | null)[], matches: (word: string) => boolean): Snippet {
  for (const text of fields) {
    if (text === null || text === "") continue;
    const found = snippetOf(text, matches);
    if (found) return found;
  }
  const first = fields.find((text): text is string => text !== null && text !== "") ?? "";
  return snippetOf(first, () => true, false) ?? { snippet: "", highlights: [] };
}

/** The best stretch of a text, or null when no word of it matches. */
function snippetOf(text: string, matches: (word: string) => boolean, mark = true): Snippet | null {
  const words: { start: number; end: number; hit: boolean }[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ start: match.index, end: match.index + match[0].length, hit: mark && matches(match[0]) });
  }
  if (words.length === 0) return null;
  if (mark && !words.some((word) => word.hit)) return null;
  // The window of SNIPPET_WORDS words with the most hits (the first such), found in one pass.
  const size = Math.min(SNIPPET_WORDS, words.length);
  let hits = 0;
  for (let i = 0; i < size; i++) if (words[i]?.hit) hits++;
  let best = 0;
  let bestHits = hits;
  for (let start = 1; start + size <= words.length; start++) {
    if (words[start - 1]?.hit) hits--;
    if (words[start + size - 1]?.hit) hits++;
    if (hits > bestHits) {
      best = start;
      bestHits = hits;
    }
  }
  const first = words[best] as { start: number };
  const last = words[best + size - 1] as { end: number };
  const from = best === 0 ? 0 : first.start;
  const to = best + size === words.length ? text.length : last.end;
  const prefix = from > 0 ? ELLIPSIS : "";
  const body = text.slice(from, to).replace(/\s+/g, " ");
  const snippet = `${prefix}${body.trim()}${to < text.length ? ELLIPSIS : ""}`;
  // Offsets into the excerpt: its whitespace was folded, so the words are found again in it.
  const highlights: [number, number][] = [];
  if (mark) {
    for (const match of snippet.matchAll(WORD)) {
      if (matches(match[0])) highlights.push([match.index, match.index + match[0].length]);
    }
  }
  return { snippet, highlights };
}
