/**
 * Incremental extraction: feed a markdown document in chunks of any size and get each fenced code block's
 * opening, its code as soon as it is certain to be code, and the finished block, in order. Each complete line
 * is parsed once; an unfinished line is looked at again only when new text could change what it is. Once a
 * line is certain to be code, the rest of it is passed on as it arrives and never assembled or parsed: the
 * block's code is the concatenation of the deltas sent for it.
 */
import { BlockParser, isSpaceOrTab, withoutNul } from "./blocks/parser.js";
import type { CodeBlockEvent, CodeBlockStream } from "./types.js";

type DeltaEvent = Extract<CodeBlockEvent, { type: "delta" }>;

/** What is known of the unfinished last line. */
const UNKNOWN = 0; // not yet known whether it is code
const CODE = 1; // certain to be a content line of the open fence: the rest of it is sent on as it arrives
const NOT_CODE = 2; // certain not to be code: it is kept whole, to be parsed once complete
const SETTLED = 3; // not code, and nothing after its first character other than a space or tab can matter

export function createCodeBlockStream(): CodeBlockStream {
  // The events of the current write; most writes have none or one, so the array is made only when needed.
  let events: CodeBlockEvent[] | null = null;
  // The last event of this write when it is a delta: more code of the same write joins it, so a write sends
  // at most one delta in a row.
  let lastDelta: DeltaEvent | null = null;
  let code = ""; // the deltas sent for the open block, joined: its code so far
  let codeIndex = -1; // the open block's index
  let line = ""; // the unfinished last line, without its ending (not kept once it is certain to be code)
  let lineStart = 0; // offset in the document of the unfinished line
  let crAt = -1; // offset of a "\r" that ended the last write: the line is complete, the next starts after it
  let pendingTail = ""; // with a pending "\r" on a code line: its last piece, not sent yet
  let written = 0; // characters written so far
  let known = UNKNOWN;
  // While `known` is UNKNOWN, the line stays undecided as long as `line.slice(undecidedFrom)` matches this.
  let undecided: RegExp | null = null;
  let undecidedFrom = 0;
  let blankSoFar = 0; // leading spaces and tabs of the unfinished line already looked at
  let ended = false;

  function push(event: CodeBlockEvent): void {
    lastDelta = null;
    if (events === null) events = [event];
    else events.push(event);
  }

  function send(text: string): void {
    code += text;
    if (lastDelta !== null) lastDelta.text += text;
    else {
      const event: DeltaEvent = { type: "delta", index: codeIndex, text };
      push(event);
      lastDelta = event;
    }
  }

  const parser = new BlockParser({
    open(fence) {
      code = "";
      codeIndex = fence.index;
      push({ type: "open", index: fence.index, info: fence.info, lang: fence.lang });
    },
    line(_fence, text) {
      send(`${text}\n`);
    },
    close(fence, closed, end) {
      const { index, info, lang, start } = fence;
      push({ type: "close", index, block: { index, info, lang, code, closed, start, end } });
      code = "";
    },
  });

  /** The unfinished line is complete, its last piece being `tail`; the next line starts at offset `next`. */
  function completeLine(tail: string, next: number): void {
    if (known === CODE) {
      send(`${tail}\n`);
      parser.addContentLine(lineStart, next);
    } else {
      parser.addLine(tail.length === 0 || known === SETTLED ? line : line + tail, lineStart, next);
      line = "";
    }
    lineStart = next;
    known = UNKNOWN;
    undecided = null;
    blankSoFar = 0;
  }

  /** Adds text to the unfinished line, sending it on at once when the line is certain to be code. */
  function extendLine(added: string): void {
    if (known === CODE) {
      send(added);
      return;
    }
    if (known === SETTLED) return;
    line += added;
    if (known === NOT_CODE) return;
    const fence = parser.openFence();
    if (fence === null) {
      // Prose: most lines are settled by their first character, and then the rest of them is never kept.
      let at = blankSoFar;
      while (at < line.length && isSpaceOrTab(line.charCodeAt(at))) at++;
      blankSoFar = at;
      if (at < line.length) known = parser.restOfLineMatters(line.charCodeAt(at)) ? NOT_CODE : SETTLED;
      return;
    }
    if (undecided?.test(line.slice(undecidedFrom))) return;
    const ahead = parser.lookAhead(line);
    if (ahead === false) known = NOT_CODE;
    else if (typeof ahead !== "string") {
      undecided = ahead.pattern;
      undecidedFrom = ahead.from;
    } else {
      known = CODE;
      line = "";
      if (ahead.length > 0) send(ahead);
    }
  }

  function take(): CodeBlockEvent[] {
    if (events === null) return [];
    const taken = events;
    events = null;
    lastDelta = null;
    return taken;
  }

  return {
    write(chunk) {
      if (ended) throw new Error("createCodeBlockStream: write() after end()");
      const length = chunk.length;
      const base = written;
      written += length;
      let start = 0; // start of the part of the chunk not yet added to a line
      if (crAt !== -1 && length > 0) {
        const crlf = chunk.charCodeAt(0) === 10;
        completeLine(pendingTail, crlf ? crAt + 2 : crAt + 1);
        crAt = -1;
        pendingTail = "";
        if (crlf) start = 1;
      }
      // One pass over the new text only: what was written before is never scanned again.
      let nul = false;
      for (let i = start; i < length; i++) {
        const char = chunk.charCodeAt(i);
        if (char > 13) continue;
        if (char === 0) nul = true;
        else if (char === 10 || char === 13) {
          const piece = nul ? withoutNul(chunk.slice(start, i)) : chunk.slice(start, i);
          nul = false;
          if (char === 13 && i === length - 1) {
            // The line is complete, but where the next one starts shows only with the next character.
            crAt = base + i;
            if (known === CODE) pendingTail = piece;
            else line += piece;
            return take();
          }
          const next = char === 13 && chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
          completeLine(piece, base + next);
          start = next;
          i = next - 1;
        }
      }
      if (start < length) {
        extendLine(nul ? withoutNul(chunk.slice(start)) : start === 0 ? chunk : chunk.slice(start));
      }
      return take();
    },
    end() {
      if (ended) return [];
      ended = true;
      if (crAt !== -1) {
        completeLine(pendingTail, written);
        // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
        completeLine("", written);
      } else if (written > lineStart) {
        completeLine("", written);
      }
      parser.finish(written);
      return take();
    },
  };
}
