/** One-shot extraction: every fenced code block of a complete markdown document. */
import { CarriageReturns, closingFenceLine } from "./blocks/fence-end.js";
import { BlockParser, type OpenFence, withoutNul } from "./blocks/parser.js";
import { forEachLine } from "./lines.js";
import type { CodeBlock } from "./types.js";

export function extractCodeBlocks(input: string): CodeBlock[] {
  const markdown = withoutNul(input);
  const blocks: CodeBlock[] = [];
  // Code blocks are leaves, so at most one is open at a time: its content lines, or its whole code as one slice.
  let content: string[] = [];
  let code: string | null = null;
  let justOpened = false;
  const returns = new CarriageReturns(markdown);
  const parser = new BlockParser({
    open: () => {
      content = [];
      code = null;
      justOpened = true;
    },
    line: (_fence, text) => content.push(text),
    close: (fence: OpenFence, closed, end) => {
      blocks.push({
        index: fence.index,
        info: fence.info,
        lang: fence.lang,
        code: code ?? (content.length === 0 ? "" : `${content.join("\n")}\n`),
        closed,
        start: fence.start,
        end,
      });
    },
  });
  const rest = forEachLine(markdown, (line, start, next) => {
    if (!parser.openTopLevelFence(line, start, next)) parser.addLine(line, start, next);
    if (!justOpened) return undefined;
    justOpened = false;
    const closed = closeTopLevelBlock(markdown, next, parser, returns);
    if (closed === null) return undefined;
    code = closed.code;
    parser.closeFence(closed.closingLine, closed.next);
    return closed.next;
  });
  if (rest < markdown.length) parser.addLine(markdown.slice(rest), rest, markdown.length);
  // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
  if (markdown.endsWith("\r")) parser.addLine("", markdown.length, markdown.length);
  parser.finish(markdown.length);
  return blocks;
}

/**
 * Right after a fence opens at the top level with no indentation, everything up to its closing fence is its
 * code, one slice of the input (see fence-end.ts): the block is read whole, closing fence included, and the
 * lines resume after it. Null when the block must be read line by line instead.
 */
function closeTopLevelBlock(
  markdown: string,
  from: number,
  parser: BlockParser,
  returns: CarriageReturns,
): { code: string; closingLine: number; next: number } | null {
  const fence = parser.openFence();
  if (fence === null || fence.contentColumn !== 0 || fence.fenceOffset !== 0) return null;
  const closingLine = closingFenceLine(markdown, from, fence, returns);
  if (closingLine === -1) return null;
  const lineEnd = markdown.indexOf("\n", closingLine);
  return {
    code: markdown.slice(from, closingLine),
    closingLine,
    next: lineEnd === -1 ? markdown.length : lineEnd + 1,
  };
}
