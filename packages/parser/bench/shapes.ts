/**
 * Documents of one shape each, at any size: the shapes that stress a code-block extractor differently. Each is
 * deterministic and holds valid markdown whose blocks every contender must agree on.
 */
import { assistantCorpus } from "./corpus.ts";

const FENCE = "```";

function repeatTo(bytes: number, piece: (i: number) => string, head = "", tail = ""): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < bytes; i++) {
    const next = piece(i);
    parts.push(next);
    length += next.length;
  }
  parts.push(tail);
  return parts.join("");
}

export const SHAPES: Record<string, (bytes: number) => string> = {
  "assistant answers": (bytes) => assistantCorpus(bytes),
  "many tiny blocks": (bytes) => repeatTo(bytes, (i) => `${FENCE}\n${i}\n${FENCE}\n`),
  "one big block": (bytes) =>
    repeatTo(
      bytes,
      (i) => `  const value${i} = compute(previous, ${i}) + 1; // step ${i}\n`,
      `${FENCE}ts\n`,
      `${FENCE}\n`,
    ),
  "long prose": (bytes) =>
    repeatTo(
      bytes,
      (i) =>
        `Paragraph ${i} explains *why* the \`reducer\` keeps state, links to [the docs](https://example.com/${i}) and ends here.\nIt wraps onto a second line, as models write.\n\n`,
    ),
  "nested lists and quotes": (bytes) =>
    repeatTo(
      bytes,
      (i) =>
        `- step ${i}\n  > a note\n  > - nested item\n  >   1. deeper still\n  >      ${FENCE}js\n  >      run(${i});\n  >      ${FENCE}\n\n`,
    ),
  "code only": (bytes) =>
    repeatTo(bytes, (i) => {
      const lines = Array.from({ length: 40 }, (_, k) => `    result_${k} = transform(batch_${i}, ${k})\n`);
      return `${FENCE}python\n${lines.join("")}${FENCE}\n`;
    }),
};

export const SIZES: Record<string, number> = {
  "10 KB": 10 * 1024,
  "100 KB": 100 * 1024,
  "1 MiB": 1024 * 1024,
};
