import { describe, expect, it } from "vitest";
import { extractCodeBlocks, inferArtifact, languageDisplayName, normaliseLanguage } from "../index.js";

/** Infers the artifact of the first code block of a realistic answer. */
function inferFirst(message: string) {
  const [block] = extractCodeBlocks(message);
  if (!block) throw new Error("fixture has no code block");
  return inferArtifact(block, { message });
}

const fence = "```";

describe("inferArtifact titles a block by the first rule that gives one", () => {
  it.each([
    [
      "a title attribute",
      `${fence}tsx title="Counter button.tsx"\nexport default function Counter() {}\n${fence}`,
      "Counter button.tsx",
    ],
    ["a filename attribute", `${fence}python filename=main.py\nprint("hi")\n${fence}`, "main.py"],
    ["a file attribute", `${fence}js file='server.js'\nconsole.log(1)\n${fence}`, "server.js"],
    [
      "a bare path in the info string",
      `${fence}tsx src/App.tsx\nexport default function App() { return <div/>; }\n${fence}`,
      "src/App.tsx",
    ],
    [
      "a leading // file comment",
      `${fence}tsx\n// Button.tsx\nexport function Button() { return <button/>; }\n${fence}`,
      "Button.tsx",
    ],
    [
      "a leading <!-- file --> comment",
      `${fence}html\n<!-- index.html -->\n<h1>Hi</h1>\n${fence}`,
      "index.html",
    ],
    ["a leading # file comment", `${fence}python\n# main.py\nprint(1)\n${fence}`, "main.py"],
    [
      "the exported component",
      `${fence}jsx\nexport default function TodoList() {\n  return <ul />;\n}\n${fence}`,
      "TodoList",
    ],
    ["the exported class", `${fence}ts\nexport class RateLimiter {}\n${fence}`, "RateLimiter"],
    [
      "the HTML <title>",
      `${fence}html\n<!doctype html>\n<html><head><title>Landing page</title></head></html>\n${fence}`,
      "Landing page",
    ],
    [
      "the first <h1>",
      `${fence}html\n<section><h1>Pricing <em>plans</em></h1></section>\n${fence}`,
      "Pricing plans",
    ],
    ["the language and position, at last", `Two steps.\n\n${fence}bash\nls\n${fence}`, "Shell snippet 1"],
  ])("%s", (_rule, message, title) => {
    expect(inferFirst(message).title).toBe(title);
  });
});

describe("inferArtifact decides the type", () => {
  it.each([
    [
      "TSX exporting a component",
      `${fence}tsx\nexport default function App() {\n  return <main>Hi</main>;\n}\n${fence}`,
      "react-component",
      "tsx",
    ],
    [
      "JSX arrow component",
      `${fence}jsx\nconst Card = ({ title }) => <div>{title}</div>;\nexport default Card;\n${fence}`,
      "react-component",
      "jsx",
    ],
    ["TSX without a component", `${fence}tsx\nexport const x: number = 1;\n${fence}`, "typescript", "tsx"],
    ["plain JavaScript", `${fence}js\nconst sum = (a, b) => a + b;\n${fence}`, "javascript", "javascript"],
    ["mjs alias", `${fence}mjs\nexport const a = 1;\n${fence}`, "javascript", "javascript"],
    ["TypeScript", `${fence}ts\nlet n: number = 1;\n${fence}`, "typescript", "typescript"],
    ["an HTML document", `${fence}html\n<!DOCTYPE html>\n<html></html>\n${fence}`, "html", "html"],
    [
      "an unlabelled HTML document",
      `${fence}\n<!doctype html>\n<html><body>Hi</body></html>\n${fence}`,
      "html",
      "html",
    ],
    ["SVG by language", `${fence}svg\n<svg viewBox="0 0 10 10"></svg>\n${fence}`, "svg", "svg"],
    [
      "SVG by its root element",
      `${fence}xml\n<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n${fence}`,
      "svg",
      "xml",
    ],
    ["CSS", `${fence}css\nbody { margin: 0; }\n${fence}`, "css", "css"],
    ["Mermaid", `${fence}mermaid\ngraph TD; A-->B\n${fence}`, "mermaid", "mermaid"],
    ["JSON", `${fence}json\n{"a": 1}\n${fence}`, "json", "json"],
    ["unlabelled JSON", `${fence}\n{"a": [1, 2]}\n${fence}`, "json", null],
    ["Markdown", `${fence}md\n# Title\n${fence}`, "markdown", "markdown"],
    ["Python", `${fence}py\nprint(1)\n${fence}`, "python", "python"],
    ["a console session", `${fence}console\n$ npm test\n${fence}`, "shell", "bash"],
    ["zsh", `${fence}zsh\necho hi\n${fence}`, "shell", "bash"],
    ["SQL", `${fence}sql\nSELECT 1;\n${fence}`, "sql", "sql"],
    ["YAML", `${fence}yml\na: 1\n${fence}`, "code", "yaml"],
    ["Rust", `${fence}rust\nfn main() {}\n${fence}`, "code", "rust"],
  ])("%s", (_name, message, type, language) => {
    expect(inferFirst(message)).toMatchObject({ type, language });
  });
});

describe("inferArtifact describes the block", () => {
  it("with the sentence that introduces it, as plain text", () => {
    const message = `Sure! Here is a **counter** built with \`useState\`:\n\n${fence}tsx\nexport default function Counter() { return <b/>; }\n${fence}`;
    expect(inferFirst(message).description).toBe("Here is a counter built with useState:");
  });

  it("with the list item that introduces a nested block", () => {
    const message = `Steps:\n\n1. Install the [CLI](https://example.com):\n   ${fence}bash\n   npm i -g cli\n   ${fence}`;
    expect(inferFirst(message).description).toBe("Install the CLI:");
  });

  it("with the paragraph above a block nested in a quote, not the blocks above it", () => {
    const message = `> ${fence}js\n> one()\n> ${fence}\n> Then call two:\n> ${fence}js\n> two()\n> ${fence}\n`;
    const [, second] = extractCodeBlocks(message);
    if (!second) throw new Error("fixture has two blocks");
    expect(inferArtifact(second, { message }).description).toBe("Then call two:");
  });

  it("from the text before the block alone, for callers that hold the message in pieces", () => {
    const [block] = extractCodeBlocks(`${fence}py\nprint(1)\n${fence}`);
    if (!block) throw new Error("fixture has a block");
    expect(inferArtifact(block, { textBefore: "Intro.\n\nRun this *script*:\n" }).description).toBe(
      "Run this script:",
    );
  });

  it("from at most 4,096 characters above the block, so many blocks stay linear", () => {
    const sentence = "A sentence that goes on and on. ".repeat(200);
    const message = `${sentence}The last one:\n${fence}\nx\n${fence}`;
    expect(inferFirst(message).description).toBe("The last one:");
    const [block] = extractCodeBlocks(`${"word ".repeat(1000)}\n${fence}\nx\n${fence}`);
    if (!block) throw new Error("fixture has a block");
    // The paragraph is longer than the window: the description is its end, cut at the window's edge.
    expect(
      inferArtifact(block, { message: `${"word ".repeat(1000)}\n${fence}\nx\n${fence}` }).description,
    ).toMatch(/^(?:word ?)+…?$/);
  });

  it("with metadata: line count, byte size and info-string attributes", () => {
    const message = `${fence}ts title="é.ts" highlight=2\nconst é = 1;\nconst b = 2;\n${fence}`;
    expect(inferFirst(message).metadata).toEqual({
      lines: 2,
      bytes: 27, // "é" is 1 character but 2 bytes in UTF-8
      closed: true,
      index: 0,
      info: 'ts title="é.ts" highlight=2',
      attributes: { title: "é.ts", highlight: "2" },
      titled: true,
    });
  });

  it("says whether the title is the block's own, or a numbered one made up for it", () => {
    const titled = (message: string) => inferFirst(message).metadata.titled;
    expect(
      titled(`${fence}js app.js
x()
${fence}`),
    ).toBe(true);
    expect(
      titled(`${fence}js
// file: app.js
x()
${fence}`),
    ).toBe(true);
    expect(
      titled(`${fence}tsx
export default function Counter() {}
${fence}`),
    ).toBe(true);
    expect(
      titled(`${fence}js
x()
${fence}`),
    ).toBe(false);
  });
});

describe("names that are an object's built-in properties are names like any other", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])(
    "a block of language %s, titled from a file of that extension",
    (name) => {
      const artifact = inferFirst(`${fence}${name} title="a.${name}" ${name}=x\nx = 1\n${fence}`);
      expect(artifact.language).toBe(name.toLowerCase());
      expect(artifact.type).toBe("code");
      expect(artifact.title).toBe(`a.${name}`);
      expect(artifact.metadata.attributes).toEqual({ title: `a.${name}`, [name.toLowerCase()]: "x" });
      expect(Object.getPrototypeOf(artifact.metadata.attributes)).toBe(Object.prototype);
      expect(normaliseLanguage(name)).toBe(name.toLowerCase());
      expect(languageDisplayName(name)).toBe(name.charAt(0).toUpperCase() + name.slice(1));
    },
  );
});
