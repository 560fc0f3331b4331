/** Splits text into lines the way CommonMark does: at "\n", "\r\n" or a lone "\r". */

/**
 * Calls `each(line, start, next)` for every line of `text` that has a line ending, where `next` is the offset
 * just past that ending; `each` may return an offset (a line start) to go on from instead. Returns the offset
 * of the first character not consumed: the start of a last line without an ending (the text's length when
 * there is none).
 */
export function forEachLine(
  text: string,
  each: (line: string, start: number, next: number) => number | undefined,
): number {
  let start = 0;
  // Both searches are cached so that text without any "\r" (or "\n") is scanned once, not once per line.
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  for (;;) {
    if (lf !== -1 && lf < start) lf = text.indexOf("\n", start);
    if (cr !== -1 && cr < start) cr = text.indexOf("\r", start);
    if (lf === -1 && cr === -1) return start;
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      start = each(text.slice(start, lf), start, lf + 1) ?? lf + 1;
      continue;
    }
    const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    start = each(text.slice(start, cr), start, next) ?? next;
  }
}
