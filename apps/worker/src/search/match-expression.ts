/**
 * User text as an FTS5 query: its words (runs of letters, digits and marks, as the unicode61 tokenizer reads
 * them), each quoted, so no character of the text is FTS syntax. The last word is a prefix, for
 * search-as-you-type (the words before it are whole: a prefix of every word made a query of a few words read
 * tens of thousands of index entries), unless it is a single character, which would match a large part of the
 * index. All words must match. Text without a word gives null: it matches nothing.
 */
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** More words than this add nothing a person means, and cost every query. */
const MAX_WORDS = 32;

/** The words of a query, as the index reads them (at most MAX_WORDS). */
export function queryWords(text: string): string[] {
  return (text.match(WORD) ?? []).slice(0, MAX_WORDS);
}

export function matchExpression(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  return words
    .map((word, i) => (i === words.length - 1 && [...word].length > 1 ? `"${word}"*` : `"${word}"`))
    .join(" ");
}
