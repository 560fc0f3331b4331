/**
 * Incremental extraction: feed a markdown document in chunks of any size and get each fenced code block's
 * opening, its code as soon as it is certain to be code, and the finished block, in order. Each complete line
 * is parsed once; an unfinished line is looked at again only when new text could change what it is. Once a
 * line is certain to be code, the rest of it is passed on as it arrives and never assembled or parsed: the
 * block's code is the concatenation of the deltas sent for it.
 */
import { BlockParser, type OpenFence, type Undecided, withoutNul } from "./blocks/parser.js";
import type { CodeBlockEvent, CodeBlockStream } from "./types.js";

type UnfinishedLine =
  | { kind: "unknown"; undecided: Undecided | null }
  | { kind: "code"; fence: OpenFence }
  | { kind: "not-code" };

const UNKNOWN: UnfinishedLine = { kind: "unknown", undecided: null };

export function createCodeBlockStream(): CodeBlockStream {
  // The events of the current write; most writes have none or one, so the array is made only when needed.
  let events: CodeBlockEvent[] | null = null;
  let code = ""; // the deltas sent for the open block, joined: its code so far
  let line = ""; // the unfinished last line, without its ending (not kept once it is certain to be code)
  let lineLength = 0; // characters of the unfinished line so far
  let lineStart = 0; // offset in the document of the unfinished line
  let pendingCr = false; // the line ended with a "\r" that may yet be followed by "\n"
  let pendingTail = ""; // with pendingCr on a code line: its last piece, not sent yet
  let written = 0; // characters written so far
  let unfinished: UnfinishedLine = UNKNOWN;
  let emittedOfLine = 0; // characters of the unfinished line's code already sent as deltas
  let ended = false;

  function push(event: CodeBlockEvent): void {
    if (events === null) events = [event];
    else events.push(event);
  }

  function delta(fence: OpenFence, text: string): void {
    code += text;
    push({ type: "delta", index: fence.index, text });
  }

  const parser = new BlockParser({
    open(fence) {
      code = "";
      push({ type: "open", index: fence.index, info: fence.info, lang: fence.lang });
    },
    line(fence, text) {
      delta(fence, `${text.slice(emittedOfLine)}\n`);
    },
    close(fence, closed, end) {
      const { index, info, lang, start } = fence;
      const block = { index, info, lang, code, closed, start, end };
      code = "";
      push({ type: "close", index, block });
    },
  });

  /** The unfinished line is complete, its last piece being `tail`; the next line starts at offset `next`. */
  function completeLine(tail: string, next: number): void {
    if (unfinished.kind === "code") {
      delta(unfinished.fence, `${tail}\n`);
      parser.addContentLine(lineStart, next);
    } else {
      parser.addLine(tail.length === 0 ? line : line + tail, lineStart, next);
    }
    line = "";
    lineLength = 0;
    lineStart = next;
    unfinished = UNKNOWN;
    emittedOfLine = 0;
  }

  /** Adds text to the unfinished line, sending it on at once when the line is certain to be code. */
  function extendLine(added: string): void {
    lineLength += added.length;
    if (unfinished.kind === "code") {
      delta(unfinished.fence, added);
      return;
    }
    line += added;
    if (unfinished.kind === "not-code") return;
    const fence = parser.openFence();
    if (fence === null) {
      unfinished = { kind: "not-code" };
      return;
    }
    const { undecided } = unfinished;
    if (undecided?.pattern.test(line.slice(undecided.from))) return;
    const ahead = parser.lookAhead(line);
    if (ahead === false) unfinished = { kind: "not-code" };
    else if (typeof ahead !== "string") unfinished = { kind: "unknown", undecided: ahead };
    else {
      unfinished = { kind: "code", fence };
      line = "";
      if (ahead.length > 0) delta(fence, ahead);
      emittedOfLine = ahead.length;
    }
  }

  function take(): CodeBlockEvent[] {
    if (events === null) return [];
    const taken = events;
    events = null;
    return taken;
  }

  return {
    write(chunk) {
      if (ended) throw new Error("createCodeBlockStream: write() after end()");
      const length = chunk.length;
      const base = written;
      written += length;
      let start = 0; // start of the part of the chunk not yet added to a line
      if (pendingCr && length > 0) {
        pendingCr = false;
        const afterCr = lineStart + lineLength + 1;
        const crlf = chunk.charCodeAt(0) === 10;
        completeLine(pendingTail, crlf ? afterCr + 1 : afterCr);
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
            pendingCr = true;
            lineLength += piece.length;
            if (unfinished.kind === "code") pendingTail = piece;
            else line += piece;
            return take();
          }
          const next = char === 13 && chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
          lineLength += piece.length;
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
      if (pendingCr) {
        completeLine(pendingTail, written);
        // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
        completeLine("", written);
      } else if (lineLength > 0) {
        completeLine("", written);
      }
      parser.finish(written);
      return take();
    },
  };
}
