/**
 * Where a fenced code block at the top level of a document ends, found by searching for its fence characters
 * instead of reading it line by line: every line before its closing fence is content, whatever it holds (no
 * container to leave, and no indentation to take off when the opening fence had none), so the content is one
 * slice of the input. This is what makes a long block cost about as much as a native string search.
 */
const SPACE = 32;
const TAB = 9;
const LF = 10;

export interface TopLevelFence {
  fenceChar: number;
  fenceLength: number;
}

/**
 * The offset of the closing fence line of a block whose content starts at `from`, or -1 when the search
 * cannot answer: there is no closing fence (the block runs to the end), or a "\r" line ending lies before it
 * (content lines are then joined with "\n", so the content is not a slice).
 */
export function closingFenceLine(
  text: string,
  from: number,
  fence: TopLevelFence,
  returns: CarriageReturns,
): number {
  const needle = String.fromCharCode(fence.fenceChar).repeat(fence.fenceLength);
  let at = from;
  for (;;) {
    const hit = text.indexOf(needle, at);
    if (hit === -1) return -1;
    let runEnd = hit + fence.fenceLength;
    while (text.charCodeAt(runEnd) === fence.fenceChar) runEnd++;
    const lineStart = startOfLineWithin3Spaces(text, hit, from);
    if (lineStart !== -1 && restIsBlank(text, runEnd)) {
      const cr = returns.firstFrom(from);
      return cr !== -1 && cr < lineStart ? -1 : lineStart;
    }
    at = runEnd;
  }
}

/**
 * Finds the first "\r" at or after an offset, for offsets that only grow: the search is kept, so a document
 * without any "\r" is searched once in all, not once per block (which made many tiny blocks quadratic).
 */
export class CarriageReturns {
  private found = -2;
  private searchedFrom = 0;

  constructor(private readonly text: string) {}

  firstFrom(offset: number): number {
    if (this.found === -2 || (this.found !== -1 && this.found < offset)) {
      this.found = this.text.indexOf("\r", Math.max(offset, this.searchedFrom));
      this.searchedFrom = offset;
    }
    return this.found;
  }
}

/** The start of the line `at` is on, when only up to three spaces precede it there; else -1. */
function startOfLineWithin3Spaces(text: string, at: number, from: number): number {
  let start = at;
  while (start > from && at - start < 3 && text.charCodeAt(start - 1) === SPACE) start--;
  return start === from || text.charCodeAt(start - 1) === LF ? start : -1;
}

/** Whether only spaces and tabs follow `at` up to the end of its line (a "\r" ends the fast path too). */
function restIsBlank(text: string, at: number): boolean {
  let i = at;
  for (let char = text.charCodeAt(i); char === SPACE || char === TAB; char = text.charCodeAt(++i));
  return i === text.length || text.charCodeAt(i) === LF;
}
