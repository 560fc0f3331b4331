/** One-shot extraction: every fenced code block of a complete markdown document. */
import { CarriageReturns, closingFenceLine } from "./blocks/fence-end.js";
import { BlockParser, type OpenFence, withoutNul } from "./blocks/parser.js";
import { forEachLine } from "./lines.js";
import type { CodeBlock } from "./types.js";

export function extractCodeBlocks(input: string): CodeBlock[] {
  const markdown = withoutNul(input);
  const blocks: CodeBlock[] = [];
  // Code blocks are leaves, so at most one is open at a time.
  let content: string[] = [];
  let justOpened = false;
  const returns = new CarriageReturns(markdown);
  const parser = new BlockParser({
    open: () => {
      content = [];
      justOpened = true;
    },
    line: (_fence, text) => content.push(text),
    close: (fence: OpenFence, closed, end) => {
      blocks.push({
        index: fence.index,
        info: fence.info,
        lang: fence.lang,
        code: content.length === 0 ? "" : `${content.join("\n")}\n`,
        closed,
        start: fence.start,
        end,
      });
    },
  });
  const rest = forEachLine(markdown, (line, start, next) => {
    parser.addLine(line, start, next);
    if (!justOpened) return undefined;
    justOpened = false;
    return skipTopLevelContent(markdown, next, parser, content, returns);
  });
  if (rest < markdown.length) parser.addLine(markdown.slice(rest), rest, markdown.length);
  // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
  if (markdown.endsWith("\r")) parser.addLine("", markdown.length, markdown.length);
  parser.finish(markdown.length);
  return blocks;
}

/**
 * Right after a fence opens at the top level with no indentation, its content up to the closing fence is one
 * slice of the input (see fence-end.ts): it is taken whole, and the lines resume at the closing fence. Returns
 * where to go on from, or undefined to read the block line by line.
 */
function skipTopLevelContent(
  markdown: string,
  from: number,
  parser: BlockParser,
  content: string[],
  returns: CarriageReturns,
): number | undefined {
  const fence = parser.openFence();
  if (fence === null || fence.contentColumn !== 0 || fence.fenceOffset !== 0) return undefined;
  const end = closingFenceLine(markdown, from, fence, returns);
  if (end <= from) return undefined;
  content.push(markdown.slice(from, end - 1));
  parser.addContentLine(markdown.lastIndexOf("\n", end - 2) + 1, end);
  return end;
}
