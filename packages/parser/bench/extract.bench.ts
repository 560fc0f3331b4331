/**
 * `pnpm bench`: MB/s of extractCodeBlocks, of the stream fed 8-character chunks, and of markdown-it extracting
 * the same fences, on a corpus shaped like assistant answers. Runs against the built package (dist/), exactly
 * what other apps import. Goals: at least 10x markdown-it; streaming within 2x of one-shot.
 */

import { createCodeBlockStream, extractCodeBlocks } from "@folio/parser";
import MarkdownIt from "markdown-it";
import { assistantCorpus } from "./corpus.ts";
import { measure, read } from "./measure.ts";

const corpus = assistantCorpus(1.5 * 1024 * 1024);
const megabytes = corpus.length / (1024 * 1024);
const markdownIt = new MarkdownIt();

function oneShot(): number {
  let sum = 0;
  for (const block of extractCodeBlocks(corpus)) sum += read(block.code);
  return sum;
}

// A model's stream arrives already cut into pieces; cutting is not the parser's work, so it is not timed.
const chunks: string[] = [];
for (let at = 0; at < corpus.length; at += 8) chunks.push(corpus.slice(at, at + 8));

function streamed(): number {
  const stream = createCodeBlockStream();
  let sum = 0;
  for (const chunk of chunks) {
    for (const event of stream.write(chunk)) if (event.type === "close") sum += read(event.block.code);
  }
  for (const event of stream.end()) if (event.type === "close") sum += read(event.block.code);
  return sum;
}

/**
 * Not a parser: the least any stream fed these chunks must do, as a floor under the streaming goal. Each write
 * is a call that returns an array, finds where lines end in its chunk and joins chunks into lines, which are then
 * read (as a parser would read them); nothing is parsed and no events are made.
 */
function linesOnly(): number {
  let line = "";
  let sum = 0;
  const none: number[] = [];
  const write = (chunk: string): number[] => {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const char = chunk.charCodeAt(i);
      if (char === 10 || char === 13) {
        line += chunk.slice(start, i);
        sum += line.charCodeAt(0) | 0;
        line = "";
        start = i + 1;
      }
    }
    if (start < chunk.length) line += start === 0 ? chunk : chunk.slice(start);
    return none;
  };
  for (const chunk of chunks) for (const value of write(chunk)) sum += value;
  return sum + line.length;
}

function withMarkdownIt(): number {
  let sum = 0;
  for (const token of markdownIt.parse(corpus, {})) if (token.type === "fence") sum += read(token.content);
  return sum;
}

// The three must agree on the corpus, or the comparison means nothing.
const expected = markdownIt
  .parse(corpus, {})
  .filter((token) => token.type === "fence")
  .map((token) => token.content);
const ours = extractCodeBlocks(corpus).map((block) => block.code);
if (ours.length !== expected.length || ours.some((code, i) => code !== expected[i])) {
  throw new Error(
    `extractCodeBlocks found ${ours.length} blocks, markdown-it ${expected.length}, or they differ`,
  );
}
if (streamed() !== oneShot() || withMarkdownIt() !== oneShot()) {
  throw new Error("the stream or markdown-it read different code from extractCodeBlocks");
}

// Two interleaved sets, each ratio taken within one: markdown-it leaves about ten times the garbage of the
// others, and collecting it would otherwise land on whichever contender runs next.
const [oneVsMarkdownIt, mdit] = measure([oneShot, withMarkdownIt]) as [number, number];
const [one, stream, floor] = measure([oneShot, streamed, linesOnly]) as [number, number, number];
const results = [
  { name: "extractCodeBlocks", seconds: one },
  { name: "createCodeBlockStream, 8-char chunks", seconds: stream },
  { name: "floor: lines of 8-char chunks, unparsed", seconds: floor },
  { name: "extractCodeBlocks (beside markdown-it)", seconds: oneVsMarkdownIt },
  { name: "markdown-it parse + fence tokens", seconds: mdit },
];

console.log(
  `corpus: ${megabytes.toFixed(2)} MB, ${ours.length} code blocks; Node ${process.versions.node}, ${process.arch}`,
);
console.table(
  results.map((r) => ({
    bench: r.name,
    "MB/s": Number((megabytes / r.seconds).toFixed(1)),
    "ms/run": Number((r.seconds * 1000).toFixed(2)),
  })),
);
const speedup = mdit / oneVsMarkdownIt;
const streamCost = stream / one;
console.log(
  `extractCodeBlocks vs markdown-it: ${speedup.toFixed(1)}x faster (goal >= 10x: ${speedup >= 10 ? "met" : "MISSED"})`,
);
console.log(
  `streaming vs one-shot: ${streamCost.toFixed(2)}x the time (goal <= 2x: ${streamCost <= 2 ? "met" : "MISSED"})`,
);
console.log(
  `floor: only splitting the 8-char chunks into lines, unparsed, takes ${(floor / one).toFixed(2)}x the one-shot time`,
);
