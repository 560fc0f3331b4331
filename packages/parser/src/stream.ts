/**
 * Incremental extraction: feed a markdown document in chunks of any size and get each fenced code block's
 * opening, its code as soon as it is certain to be code, and the finished block, in order. Each complete line
 * is parsed once; an unfinished line is looked at again only when new text could change what it is.
 */
import { BlockParser, type OpenFence, type Undecided } from "./blocks/parser.js";
import { forEachLine } from "./lines.js";
import type { CodeBlockEvent, CodeBlockStream } from "./types.js";

type UnfinishedLine =
  | { kind: "unknown"; undecided: Undecided | null }
  | { kind: "code"; fence: OpenFence }
  | { kind: "not-code" };

const UNKNOWN: UnfinishedLine = { kind: "unknown", undecided: null };

export function createCodeBlockStream(): CodeBlockStream {
  let events: CodeBlockEvent[] = [];
  let content: string[] = [];
  let buffer = ""; // the unfinished last line
  let consumed = 0; // offset in the document of buffer[0]
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

  function addLine(line: string, start: number, next: number): void {
    parser.addLine(line, consumed + start, consumed + next);
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
    // A line ending in "\r" is finished; it is parsed once the next character shows whether "\n" follows.
    if (buffer.length === 0 || buffer.endsWith("\r")) return;
    if (unfinished.kind === "code") return emit(unfinished.fence, added);
    if (unfinished.kind === "not-code") return;
    const fence = parser.openFence();
    if (fence === null) {
      unfinished = { kind: "not-code" };
      return;
    }
    const { undecided } = unfinished;
    if (undecided?.pattern.test(buffer.slice(undecided.from))) return;
    const ahead = parser.lookAhead(buffer);
    if (ahead === false) unfinished = { kind: "not-code" };
    else if (typeof ahead !== "string") unfinished = { kind: "unknown", undecided: ahead };
    else {
      unfinished = { kind: "code", fence };
      emit(fence, ahead);
    }
  }

  function take(): CodeBlockEvent[] {
    const taken = events;
    events = [];
    return taken;
  }

  return {
    write(chunk) {
      if (ended) throw new Error("createCodeBlockStream: write() after end()");
      if (chunk.length === 0) return [];
      // The buffer holds no line ending, except perhaps a final "\r" waiting for its "\n".
      const searchFrom = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
      const text = chunk.includes("\0") ? chunk.replaceAll("\0", "\uFFFD") : chunk;
      buffer += text;
      const rest = forEachLine(buffer, 0, false, addLine, searchFrom);
      if (rest > 0) {
        buffer = buffer.slice(rest);
        consumed += rest;
        emitUnfinishedLine(buffer);
      } else {
        emitUnfinishedLine(text);
      }
      return take();
    },
    end() {
      if (ended) return [];
      ended = true;
      const total = consumed + buffer.length;
      const rest = forEachLine(buffer, 0, true, addLine);
      if (rest < buffer.length) addLine(buffer.slice(rest), rest, buffer.length);
      // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
      if (buffer.endsWith("\r")) addLine("", buffer.length, buffer.length);
      buffer = "";
      parser.finish(total);
      return take();
    },
  };
}
