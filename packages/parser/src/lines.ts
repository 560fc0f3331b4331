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
