import { tests as specExamples } from "commonmark-spec";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractCodeBlocks } from "./index.js";
import { referenceCodeBlocks } from "./oracle/commonmark.js";
import { markdownDocument } from "./oracle/documents.js";

const infoAndCode = (markdown: string) =>
  extractCodeBlocks(markdown).map(({ info, code }) => ({ info, code }));

describe("extractCodeBlocks agrees with commonmark.js on every CommonMark 0.31.2 spec example", () => {
  // The spec writes tabs as "→".
  const examples = specExamples.map((example) => ({
    ...example,
    markdown: example.markdown.replaceAll("→", "\t"),
  }));

  it.each(examples.map((example) => [example.number, example.section, example.markdown] as const))(
    "example %i (%s)",
    (_number, _section, markdown) => {
      expect(infoAndCode(markdown)).toEqual(referenceCodeBlocks(markdown));
    },
  );
});

describe("extractCodeBlocks agrees with commonmark.js on generated documents", () => {
  it("finds exactly the reference's fenced blocks, with the same info and code", () => {
    fc.assert(
      fc.property(markdownDocument, (markdown) => {
        expect(infoAndCode(markdown)).toEqual(referenceCodeBlocks(markdown));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a top-level block's content is found by searching for its closing fence, exactly as line by line", () => {
  // Each reads lines that look like fences but do not close the block, or endings that rule the search out.
  it.each([
    ["a closing fence indented three spaces", "```\na\n   ```\nafter\n"],
    ["four spaces: content, not a closing fence", "```\na\n    ```\nb\n```\n"],
    ["a tab: content", "```\na\n\t```\nb\n```\n"],
    ["a fence line with an info string: content", "```\na\n```js\nb\n```\n"],
    ["a shorter fence inside a longer one", "`````\n```\ninner\n```\n`````\n"],
    ["a longer run closes a shorter fence", "```\na\n``````  \t\nafter\n"],
    ["the other fence character", "~~~\n```\n~~~\n"],
    ["fence characters mid-line", "```\nx = ```;\n```\n"],
    ["blank lines and trailing spaces", "```\n\n  \na \n\n```\n"],
    ["a closing fence at the very end, without a line ending", "```\na\n```"],
    ["no closing fence", "```\na\n``` x\nb\n"],
    ["CRLF endings", "```\r\na\r\n\r\n```\r\nafter\r\n"],
    ["a lone CR inside", "```\na\rb\n```\n"],
    ["an indented opening fence (its indentation comes off the content)", "  ```\n   a\n b\n  ```\n"],
    ["NUL characters", "```\na\u0000b\n```\n"],
    ["many blocks in a row", "```\n1\n```\n```\n2\n```\n~~~\n3\n~~~\n"],
    ["a block right after a paragraph (which it interrupts)", "text\n```\n1\n```\n"],
    ["an info string with escapes, entities and words", '```js\\_x &amp; title="a b"\n1\n```\n'],
    ["backticks after a backtick fence: not a fence", "``` a`b\nx\n```\n"],
    ["backticks after a tilde fence: its info", "~~~ a`b\nx\n~~~\n"],
    ["a fence after a list, which it ends", "- item\n```\nx\n```\n"],
  ])("%s", (_name, markdown) => {
    expect(infoAndCode(markdown)).toEqual(referenceCodeBlocks(markdown));
  });
});

describe("extractCodeBlocks reports where each block is", () => {
  it.each([
    ["a closed block", "Intro\n\n```js\nlet a = 1;\n```\nAfter\n", { start: 7, end: 28, closed: true }],
    ["a block closed by the end of the document", "```py\nprint(1)\n", { start: 0, end: 15, closed: false }],
    [
      "a block closed by the end of its list item",
      "- ```sh\n  ls\nnext\n",
      { start: 0, end: 13, closed: false },
    ],
    ["a block after CRLF line endings", "Hi\r\n```\r\nx\r\n```\r\n", { start: 4, end: 17, closed: true }],
  ])("%s", (_name, markdown, where) => {
    const [block] = extractCodeBlocks(markdown);
    expect(block).toMatchObject(where);
  });

  it("numbers blocks in document order and reads the language from the info string", () => {
    const markdown = '```tsx title="App.tsx"\nexport default App;\n```\n\n~~~\nplain\n~~~\n';
    expect(extractCodeBlocks(markdown)).toEqual([
      {
        index: 0,
        info: 'tsx title="App.tsx"',
        lang: "tsx",
        code: "export default App;\n",
        closed: true,
        start: 0,
        end: 47,
      },
      { index: 1, info: "", lang: null, code: "plain\n", closed: true, start: 48, end: 62 },
    ]);
  });
});
