/**
 * User text as an FTS5 query: its words (runs of letters, digits and marks, as the unicode61 tokenizer reads
 * them), each quoted, so no character of the text is FTS syntax, and each a prefix, for search-as-you-type. All
 * words must match. Text without a word gives null: it matches nothing.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
/** More words than this add nothing a person means, and cost every query. */
const MAX_WORDS = 32;

export function matchExpression(text: string): string | null {
  const words = (text.match(WORD) ?? []).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(" ");
}
