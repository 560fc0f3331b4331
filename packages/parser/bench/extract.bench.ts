/**
 * `pnpm bench`: MB/s of extractCodeBlocks, of the stream fed 8-character chunks, and of markdown-it extracting
 * the same fences, on a corpus shaped like assistant answers. Runs against the built package (dist/), exactly
 * what other apps import. Goals: at least 10x markdown-it; streaming within 2x of one-shot.
 */

import { createCodeBlockStream, extractCodeBlocks } from "@folio/parser";
import MarkdownIt from "markdown-it";
import { assistantCorpus } from "./corpus.ts";

const corpus = assistantCorpus(1.5 * 1024 * 1024);
const megabytes = corpus.length / (1024 * 1024);
const markdownIt = new MarkdownIt();

/** What every contender does with each block's code, as any consumer would: read it (one character of it). */
function read(code: string): number {
  return code.length === 0 ? 0 : code.charCodeAt(code.length >> 1);
}

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

function withMarkdownIt(): number {
  let sum = 0;
  for (const token of markdownIt.parse(corpus, {})) if (token.type === "fence") sum += read(token.content);
  return sum;
}

/**
 * Median seconds per run of each function. Rounds are interleaved (a, b, c, a, b, c, …) after a warm-up, so
 * every contender runs with the same JIT state and machine load.
 */
function measure(runs: readonly (() => number)[], rounds = 15): number[] {
  for (let i = 0; i < 3; i++) for (const run of runs) run();
  const times = runs.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    runs.forEach((run, r) => {
      const start = performance.now();
      run();
      times[r]?.push((performance.now() - start) / 1000);
    });
  }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)] as number;
  });
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

const names = [
  "extractCodeBlocks",
  "createCodeBlockStream, 8-char chunks",
  "markdown-it parse + fence tokens",
];
const [one, stream, mdit] = measure([oneShot, streamed, withMarkdownIt]) as [number, number, number];
const results = [one, stream, mdit].map((seconds, i) => ({ name: names[i] as string, seconds }));

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
const speedup = mdit / one;
const streamCost = stream / one;
console.log(
  `extractCodeBlocks vs markdown-it: ${speedup.toFixed(1)}x faster (goal >= 10x: ${speedup >= 10 ? "met" : "MISSED"})`,
);
console.log(
  `streaming vs one-shot: ${streamCost.toFixed(2)}x the time (goal <= 2x: ${streamCost <= 2 ? "met" : "MISSED"})`,
);
