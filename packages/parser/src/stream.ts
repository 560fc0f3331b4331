/**
 * Incremental extraction: feed a markdown document in chunks of any size and get each fenced code block's
 * opening, its code as soon as it is certain to be code, and the finished block, in order. Each complete line
 * is parsed once; an unfinished line is looked at again only when new text could change what it is.
 */
import { BlockParser, type OpenFence, type Undecided, withoutNul } from "./blocks/parser.js";
import type { CodeBlockEvent, CodeBlockStream } from "./types.js";

type UnfinishedLine =
  | { kind: "unknown"; undecided: Undecided | null }
  | { kind: "code"; fence: OpenFence }
  | { kind: "not-code" };

const UNKNOWN: UnfinishedLine = { kind: "unknown", undecided: null };

export function createCodeBlockStream(): CodeBlockStream {
  let events: CodeBlockEvent[] = [];
  let content: string[] = [];
  let line = ""; // the unfinished last line, without its ending
  let lineStart = 0; // offset in the document of line[0]
  let pendingCr = false; // the line ended with a "\r" that may yet be followed by "\n"
  let written = 0; // characters written so far
  let unfinished: UnfinishedLine = UNKNOWN;
  let emittedOfLine = 0; // characters of the unfinished line's code already sent as deltas
  let ended = false;

  const parser = new BlockParser({
    open(fence) {
      content = [];
      events.push({ type: "open", index: fence.index, info: fence.info, lang: fence.lang });
    },
    line(fence, text) {
      content.push(text);
      events.push({ type: "delta", index: fence.index, text: `${text.slice(emittedOfLine)}\n` });
    },
    close(fence, closed, end) {
      const code = content.length === 0 ? "" : `${content.join("\n")}\n`;
      content = [];
      const { index, info, lang, start } = fence;
      events.push({ type: "close", index, block: { index, info, lang, code, closed, start, end } });
    },
  });

  /** The unfinished line is complete; the next one starts at document offset `next`. */
  function completeLine(next: number): void {
    parser.addLine(line, lineStart, next);
    line = "";
    lineStart = next;
    unfinished = UNKNOWN;
    emittedOfLine = 0;
  }

  function emit(fence: OpenFence, text: string): void {
    if (text.length === 0) return;
    events.push({ type: "delta", index: fence.index, text });
    emittedOfLine += text.length;
  }

  /** Sends the code of the unfinished line as soon as it is certain to be code. */
  function emitUnfinishedLine(added: string): void {
    if (line.length === 0) return;
    if (unfinished.kind === "code") return emit(unfinished.fence, added);
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
      emit(fence, ahead);
    }
  }

  function take(): CodeBlockEvent[] {
    if (events.length === 0) return [];
    const taken = events;
    events = [];
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
        const afterCr = lineStart + line.length + 1;
        const crlf = chunk.charCodeAt(0) === 10;
        completeLine(crlf ? afterCr + 1 : afterCr);
        if (crlf) start = 1;
      }
      // One pass over the new text only: what was written before is never scanned again.
      let nul = false;
      for (let i = start; i < length; i++) {
        const code = chunk.charCodeAt(i);
        if (code > 13) continue;
        if (code === 0) nul = true;
        else if (code === 10 || code === 13) {
          line += nul ? withoutNul(chunk.slice(start, i)) : chunk.slice(start, i);
          nul = false;
          if (code === 13 && i === length - 1) {
            // The line is complete, but where the next one starts shows only with the next character.
            pendingCr = true;
            return take();
          }
          const next = code === 13 && chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
          completeLine(base + next);
          start = next;
          i = next - 1;
        }
      }
      if (start < length) {
        const added = nul ? withoutNul(chunk.slice(start)) : start === 0 ? chunk : chunk.slice(start);
        line += added;
        emitUnfinishedLine(added);
      }
      return take();
    },
    end() {
      if (ended) return [];
      ended = true;
      if (pendingCr) {
        completeLine(written);
        // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
        completeLine(written);
      } else if (line.length > 0) {
        completeLine(written);
      }
      parser.finish(written);
      return take();
    },
  };
}
