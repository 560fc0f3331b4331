import { describe, expect, it } from "vitest";
import { lineDiff } from "./index.js";

const numbered = (count: number, word: string) =>
  `${Array.from({ length: count }, (_, i) => `${word} ${i + 1}`).join("\n")}\n`;

describe("lineDiff", () => {
  it("gives the changed lines as unified hunks with three lines of context", () => {
    const before = numbered(8, "line");
    const after = before.replace("line 5\n", "line five\n");
    expect(lineDiff(before, after)).toEqual({
      added: 1,
      removed: 1,
      whole: false,
      hunks: [
        {
          oldStart: 2,
          oldLines: 7,
          newStart: 2,
          newLines: 7,
          lines: [" line 2", " line 3", " line 4", "-line 5", "+line five", " line 6", " line 7", " line 8"],
        },
      ],
    });
  });

  it("has no hunks for the same text", () => {
    expect(lineDiff("a\nb\n", "a\nb\n")).toEqual({ added: 0, removed: 0, whole: false, hunks: [] });
  });

  it("replaces every line of texts too different to align, numbering from 1", () => {
    const diff = lineDiff(numbered(1200, "old"), numbered(1200, "new"));
    expect(diff).toMatchObject({ whole: true, added: 1200, removed: 1200 });
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 1200, newStart: 1, newLines: 1200 });
    expect(diff.hunks[0]?.lines[0]).toBe("-old 1");
    expect(diff.hunks[0]?.lines.at(-1)).toBe("+new 1200");
  });

  // As unified diffs write it (`@@ -0,0 +1,1200 @@`): a side with no lines starts at line 0.
  it.each([
    [
      "an empty old text",
      "",
      numbered(1200, "new"),
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1200 },
    ],
    [
      "an empty new text",
      numbered(1200, "old"),
      "",
      { oldStart: 1, oldLines: 1200, newStart: 0, newLines: 0 },
    ],
  ])("starts %s at line 0 when replacing every line", (_, from, to, range) => {
    const diff = lineDiff(from, to);
    expect(diff.whole).toBe(true);
    expect(diff.hunks[0]).toMatchObject(range);
  });
});
