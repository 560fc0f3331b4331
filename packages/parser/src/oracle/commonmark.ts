/** The reference answer: the fenced code blocks commonmark.js 0.31 finds, in document order (dev-only). */
import { Parser } from "commonmark";

const reference = new Parser();

export interface ReferenceBlock {
  info: string;
  code: string;
}

export function referenceCodeBlocks(markdown: string): ReferenceBlock[] {
  const walker = reference.parse(markdown).walker();
  const blocks: ReferenceBlock[] = [];
  for (let event = walker.next(); event; event = walker.next()) {
    const node = event.node;
    // Indented code blocks have an info of null (commonmark.js leaves it unset); fenced ones a string.
    if (event.entering && node.type === "code_block" && typeof node.info === "string") {
      blocks.push({ info: node.info, code: node.literal ?? "" });
    }
  }
  return blocks;
}
