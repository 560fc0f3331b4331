import { createCodeBlockStream } from "@folio/parser";
import { assistantCorpus } from "/work/main/packages/parser/bench/corpus.ts";

const corpus = assistantCorpus(1.5 * 1024 * 1024);
const chunks: string[] = [];
for (let at = 0; at < corpus.length; at += 8) chunks.push(corpus.slice(at, at + 8));
let n = 0;
for (let r = 0; r < 60; r++) {
  const s = createCodeBlockStream();
  for (const c of chunks) n += s.write(c).length;
  n += s.end().length;
}
console.log(n);
