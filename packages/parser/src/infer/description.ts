/** Finds the sentence that introduces a code block in the message around it, as plain text. */
const MAX_LENGTH = 300;

export function introducingSentence(message: string, blockStart: number): string | null {
  const before = message.slice(0, blockStart);
  const lines = before.split(/\r\n|\n|\r/);
  let paragraph: string[] = [];
  // The nearest non-blank lines above the block, stopping at a blank line or another block's fence.
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] as string).trim();
    if (line === "") {
      if (paragraph.length > 0) break;
      continue;
    }
    if (/^(?:`{3,}|~{3,})/.test(line)) break;
    paragraph = [line, ...paragraph];
  }
  const text = plainText(paragraph.join(" "));
  if (text === "") return null;
  const sentences = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  const last = (sentences[sentences.length - 1] as string).trim();
  return last.length > MAX_LENGTH ? `${last.slice(0, MAX_LENGTH - 1).trimEnd()}…` : last;
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
