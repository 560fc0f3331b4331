/**
 * `pnpm bench`, second part: time per MB of each document shape at 10 KB, 100 KB and 1 MiB, for the one-shot
 * extractor, the stream (8-character chunks), extraction plus artifact inference (what saving an answer costs),
 * and markdown-it. Linear cost shows as flat ms/MB across the sizes of a shape. Goal: extractCodeBlocks at
 * least 10x markdown-it on every shape. Runs against the built package (dist/).
 */
import { createCodeBlockStream, extractCodeBlocks, inferArtifact } from "@folio/parser";
import MarkdownIt from "markdown-it";
import { measure, read } from "./measure.ts";
import { SHAPES, SIZES } from "./shapes.ts";

const markdownIt = new MarkdownIt();
const MB = 1024 * 1024;

/** Enough interleaved rounds for about 0.3 s of each contender. */
function roundsFor(bytes: number): number {
  return Math.max(5, Math.min(40, Math.round((4 * MB) / bytes)));
}

const rows: Record<string, string | number>[] = [];
const missed: string[] = [];
for (const [shape, make] of Object.entries(SHAPES)) {
  for (const [size, bytes] of Object.entries(SIZES)) {
    const doc = make(bytes);
    const chunks: string[] = [];
    for (let at = 0; at < doc.length; at += 8) chunks.push(doc.slice(at, at + 8));
    const oneShot = () => {
      let sum = 0;
      for (const block of extractCodeBlocks(doc)) sum += read(block.code);
      return sum;
    };
    const streamed = () => {
      const stream = createCodeBlockStream();
      let sum = 0;
      for (const chunk of chunks) {
        for (const event of stream.write(chunk)) if (event.type === "close") sum += read(event.block.code);
      }
      for (const event of stream.end()) if (event.type === "close") sum += read(event.block.code);
      return sum;
    };
    const inferred = () => {
      let sum = 0;
      for (const block of extractCodeBlocks(doc)) sum += inferArtifact(block, { message: doc }).title.length;
      return sum;
    };
    const withMarkdownIt = () => {
      let sum = 0;
      for (const token of markdownIt.parse(doc, {})) if (token.type === "fence") sum += read(token.content);
      return sum;
    };
    if (streamed() !== oneShot() || withMarkdownIt() !== oneShot()) {
      throw new Error(`${shape}, ${size}: the contenders read different code`);
    }
    const megabytes = doc.length / MB;
    // markdown-it in a set of its own with the one-shot extractor (its garbage would land on the others).
    const [one, mdit] = measure([oneShot, withMarkdownIt], roundsFor(doc.length)) as [number, number];
    const [stream, pipeline] = measure([streamed, inferred], roundsFor(doc.length)) as [number, number];
    const ratio = mdit / one;
    if (ratio < 10) missed.push(`${shape} ${size}: ${ratio.toFixed(1)}x`);
    const perMb = (seconds: number) => Number(((seconds * 1000) / megabytes).toFixed(1));
    rows.push({
      shape,
      size,
      blocks: extractCodeBlocks(doc).length,
      "extract ms/MB": perMb(one),
      "stream ms/MB": perMb(stream),
      "extract+infer ms/MB": perMb(pipeline),
      "markdown-it ms/MB": perMb(mdit),
      "vs markdown-it": `${ratio.toFixed(1)}x`,
    });
  }
}
console.log(
  `\nShapes at three sizes; Node ${process.versions.node}, ${process.arch}. Flat ms/MB down a shape = linear.`,
);
console.table(rows);
console.log(
  missed.length === 0
    ? "extractCodeBlocks >= 10x markdown-it on every shape: met"
    : `extractCodeBlocks >= 10x markdown-it: MISSED on ${missed.join("; ")}`,
);
