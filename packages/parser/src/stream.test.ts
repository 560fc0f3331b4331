import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CodeBlockEvent, createCodeBlockStream, extractCodeBlocks } from "./index.js";
import { markdownDocument } from "./oracle/documents.js";

function streamInChunks(markdown: string, sizes: readonly number[]): CodeBlockEvent[][] {
  const stream = createCodeBlockStream();
  const batches: CodeBlockEvent[][] = [];
  let at = 0;
  for (let i = 0; at < markdown.length; i++) {
    const size = sizes.length === 0 ? markdown.length : (sizes[i % sizes.length] as number);
    batches.push(stream.write(markdown.slice(at, at + size)));
    at += size;
  }
  batches.push(stream.end());
  return batches;
}

/** The code each block's deltas add up to, by block index. */
function deltasByBlock(events: readonly CodeBlockEvent[]): string[] {
  const code = events.filter((event) => event.type === "open").map(() => "");
  for (const event of events) {
    if (event.type === "delta") code[event.index] += event.text;
  }
  return code;
}

const answer = [
  "Here is the component:",
  "",
  '```tsx title="Counter.tsx"',
  "export default function Counter() {",
  "  return <button>0</button>;",
  "}",
  "```",
  "",
  "1. Install it:",
  "   ```bash",
  "   npm install counter",
  "   ```",
  "2. Done.",
  "",
].join("\n");

describe("createCodeBlockStream, for any split of the input into chunks", () => {
  it("closes exactly the blocks extractCodeBlocks finds, and each block's deltas add up to its code", () => {
    fc.assert(
      fc.property(
        markdownDocument,
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }),
        (markdown, sizes) => {
          const events = streamInChunks(markdown, sizes).flat();
          const expected = extractCodeBlocks(markdown);
          const closed = events.flatMap((event) => (event.type === "close" ? [event.block] : []));
          expect(closed).toEqual(expected);
          expect(deltasByBlock(events)).toEqual(expected.map((block) => block.code));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("gives the same events one character at a time as all at once", () => {
    const oneByOne = streamInChunks(answer, [1]).flat();
    const whole = streamInChunks(answer, []).flat();
    expect(oneByOne.filter((e) => e.type !== "delta")).toEqual(whole.filter((e) => e.type !== "delta"));
    expect(deltasByBlock(oneByOne)).toEqual(deltasByBlock(whole));
  });
});

describe("createCodeBlockStream shows code while it streams", () => {
  it("opens a block as soon as its opening line ends", () => {
    const stream = createCodeBlockStream();
    expect(stream.write('Intro\n```tsx title="Counter.tsx"')).toEqual([]);
    expect(stream.write("\n")).toEqual([
      { type: "open", index: 0, info: 'tsx title="Counter.tsx"', lang: "tsx" },
    ]);
  });

  it("sends a line's code before the line ends, once it can no longer be a closing fence", () => {
    const stream = createCodeBlockStream();
    stream.write("```js\n");
    expect(stream.write("cons")).toEqual([{ type: "delta", index: 0, text: "cons" }]);
    expect(stream.write("t a")).toEqual([{ type: "delta", index: 0, text: "t a" }]);
    expect(stream.write(" = 1;\n")).toEqual([{ type: "delta", index: 0, text: " = 1;\n" }]);
  });

  it("sends one delta per write, however many lines of code the write holds", () => {
    const stream = createCodeBlockStream();
    stream.write("```js\nlet a");
    expect(stream.write(" = 1;\nlet b = 2;\nlet")).toEqual([
      { type: "delta", index: 0, text: " = 1;\nlet b = 2;\nlet" },
    ]);
  });

  it("holds back text that may still become the closing fence", () => {
    const stream = createCodeBlockStream();
    stream.write("```js\nx\n");
    expect(stream.write("``")).toEqual([]);
    expect(stream.write("`  ")).toEqual([]);
    const events = stream.write("\nafter");
    expect(events).toMatchObject([{ type: "close", index: 0, block: { code: "x\n", closed: true } }]);
  });

  it("releases held-back backticks once they turn out to be code", () => {
    const stream = createCodeBlockStream();
    stream.write("```\n");
    expect(stream.write("``")).toEqual([]);
    expect(stream.write("x")).toEqual([{ type: "delta", index: 0, text: "``x" }]);
  });

  it("strips list-item indentation from code streaming inside a list item", () => {
    const stream = createCodeBlockStream();
    stream.write("1. Install:\n   ```bash\n");
    expect(stream.write("   npm i")).toEqual([{ type: "delta", index: 0, text: "npm i" }]);
  });

  it("closes an unclosed block at the end with closed: false", () => {
    const stream = createCodeBlockStream();
    stream.write("```py\nprint(1)");
    expect(stream.end()).toMatchObject([
      { type: "delta", index: 0, text: "\n" },
      { type: "close", index: 0, block: { code: "print(1)\n", closed: false } },
    ]);
  });

  it("refuses writes after end()", () => {
    const stream = createCodeBlockStream();
    stream.end();
    expect(() => stream.write("more")).toThrow(/after end/);
  });
});
