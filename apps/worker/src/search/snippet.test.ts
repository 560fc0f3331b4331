import { describe, expect, it } from "vitest";
import { cutSnippet, SNIPPET_WORDS, wordMatcher } from "./snippet.js";

const marked = ({ snippet, highlights }: { snippet: string; highlights: [number, number][] }) =>
  highlights.map(([start, end]) => snippet.slice(start, end));

describe("snippets", () => {
  it("cut the stretch of the field with the most matched words, with … where cut", () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
    const text = `${filler(40)} alpha beta alpha ${filler(40)} alpha`;
    const found = cutSnippet([text], wordMatcher("alpha"));
    expect(found.snippet.startsWith("…")).toBe(true);
    expect(found.snippet.endsWith("…")).toBe(true);
    expect(found.snippet.split(" ").length).toBeLessThanOrEqual(SNIPPET_WORDS);
    expect(marked(found)).toEqual(["alpha", "alpha"]);
  });

  it("match as the index does: no case, no accents, the last word as a prefix", () => {
    const found = cutSnippet(["Crème BRÛLÉE recipe: brulee_time = 30"], wordMatcher("creme brul"));
    expect(marked(found)).toEqual(["Crème", "BRÛLÉE", "brulee"]);
    // Only the last word is a prefix, and a one-letter last word is whole.
    expect(marked(cutSnippet(["brulee creme"], wordMatcher("brul creme")))).toEqual(["creme"]);
    expect(marked(cutSnippet(["a alpha"], wordMatcher("a")))).toEqual(["a"]);
  });

  it("come from the content, else the description, else the title; whitespace folded", () => {
    const matches = wordMatcher("taps");
    expect(cutSnippet(["let clicks = 0;", "Counts taps", "taps.js"], matches).snippet).toBe("Counts taps");
    expect(cutSnippet(["x", null, "taps.js"], matches).snippet).toBe("taps.js");
    const code = cutSnippet(["if (taps)\n\n    {\treturn;\n}"], matches);
    expect(code.snippet).toBe("if (taps) { return; }");
    expect(marked(code)).toEqual(["taps"]);
    // Nothing matched in any field (the index reads a character differently): the content's start, unmarked.
    expect(cutSnippet(["plain text", null, "t"], matches)).toEqual({ snippet: "plain text", highlights: [] });
  });
});
