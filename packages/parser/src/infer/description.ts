/** Finds the sentence that introduces a code block in the message around it, as plain text. */
const MAX_LENGTH = 300;
/**
 * How far back from a block its introducing paragraph is looked for. Reading a bounded window keeps inference
 * linear however many blocks a message holds (each block reads at most this much, usually far less: the scan
 * stops at the paragraph's first line).
 */
export const LOOK_BACK = 4096;

const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]))*[ \t]*/;
const FENCE = /^(?:`{3,}|~{3,})/;

/** `textBefore` ends where the block starts; only its last LOOK_BACK characters are read. */
export function introducingSentence(textBefore: string): string | null {
  const floor = Math.max(0, textBefore.length - LOOK_BACK);
  const paragraph: string[] = [];
  let end = textBefore.length;
  // The nearest non-blank lines above the block, stopping at a blank line or another block's fence.
  while (end > floor) {
    let start = end;
    while (start > floor && !isLineEnd(textBefore.charCodeAt(start - 1))) start--;
    const line = textBefore.slice(start, end).trim();
    end = lineEndBefore(textBefore, start);
    if (line === "") {
      if (paragraph.length > 0) break;
      continue;
    }
    if (FENCE.test(line.replace(CONTAINER_PREFIX, ""))) break;
    paragraph.push(line);
  }
  // Only the end of a long paragraph can hold its last sentence; markup is stripped from that much alone.
  const text = plainText(
    paragraph
      .reverse()
      .join(" ")
      .slice(-4 * MAX_LENGTH),
  );
  if (text === "") return null;
  const sentences = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  const last = (sentences[sentences.length - 1] as string).trim();
  return last.length > MAX_LENGTH ? `${last.slice(0, MAX_LENGTH - 1).trimEnd()}…` : last;
}

function isLineEnd(char: number): boolean {
  return char === 10 || char === 13;
}

/** The offset where the line before the one starting at `start` ends (past its "\n", "\r\n" or "\r"). */
function lineEndBefore(text: string, start: number): number {
  if (start === 0) return 0;
  if (text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13) return start - 2;
  return start - 1;
}

function plainText(markdown: string): string {
  return markdown
    .replace(/^(?:[-*+]|\d{1,9}[.)]|>|#{1,6})\s+/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, "$2")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
