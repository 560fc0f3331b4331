/** One-shot extraction: every fenced code block of a complete markdown document. */
import { BlockParser, type OpenFence, withoutNul } from "./blocks/parser.js";
import { forEachLine } from "./lines.js";
import type { CodeBlock } from "./types.js";

export function extractCodeBlocks(input: string): CodeBlock[] {
  const markdown = withoutNul(input);
  const blocks: CodeBlock[] = [];
  // Code blocks are leaves, so at most one is open at a time.
  let content: string[] = [];
  const parser = new BlockParser({
    open: () => {
      content = [];
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
  const rest = forEachLine(markdown, (line, start, next) => parser.addLine(line, start, next));
  if (rest < markdown.length) parser.addLine(markdown.slice(rest), rest, markdown.length);
  // commonmark.js reads a document ending in a lone "\r" as having one more, empty, line.
  if (markdown.endsWith("\r")) parser.addLine("", markdown.length, markdown.length);
  parser.finish(markdown.length);
  return blocks;
}
