/** Splits text into lines the way CommonMark does: at "\n", "\r\n" or a lone "\r". */

/**
 * Calls `each(line, start, next)` for every complete line of `text` from offset `from` on, where `next` is the
 * offset just past the line's ending. Returns the offset of the first character not consumed: the start of an
 * unfinished last line. A "\r" at the very end is not consumed unless `final`, since a "\n" may follow it.
 * `searchFrom` says where line endings may first occur, when the caller knows there are none before it.
 */
export function forEachLine(
  text: string,
  from: number,
  final: boolean,
  each: (line: string, start: number, next: number) => void,
  searchFrom = from,
): number {
  const length = text.length;
  if (length - searchFrom <= SHORT) return forEachLineOfShortText(text, from, final, each, searchFrom);
  let start = from;
  // Both searches are cached so that text without any "\r" (or "\n") is scanned once, not once per line.
  let lf = text.indexOf("\n", searchFrom);
  let cr = text.indexOf("\r", searchFrom);
  for (;;) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    if (lf === -1 && cr === -1) return start;
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      each(text.slice(start, lf), start, lf + 1);
      start = lf + 1;
      continue;
    }
    if (cr === length - 1 && !final) return start;
    const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    each(text.slice(start, cr), start, next);
    start = next;
  }
}

/** Below this many characters to search, one pass over character codes beats two `indexOf` searches. */
const SHORT = 32;

function forEachLineOfShortText(
  text: string,
  from: number,
  final: boolean,
  each: (line: string, start: number, next: number) => void,
  searchFrom: number,
): number {
  const length = text.length;
  let start = from;
  for (let i = searchFrom; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      each(text.slice(start, i), start, i + 1);
      start = i + 1;
    } else if (code === 13) {
      if (i === length - 1 && !final) return start;
      const next = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      each(text.slice(start, i), start, next);
      start = next;
      i = next - 1;
    }
  }
  return start;
}
