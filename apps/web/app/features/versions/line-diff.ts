/** A line diff of two texts in the browser, shaped as the server's (jsdiff's Myers diff, 3 lines of context). */
import type { VersionDiff } from "@folio/protocol";
import { structuredPatch } from "diff";

const MAX_EDIT_LINES = 1000;

export function lineDiff(
  from: string,
  to: string,
): Pick<VersionDiff, "hunks" | "added" | "removed" | "whole"> {
  const patch = structuredPatch("", "", from, to, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDIT_LINES,
  });
  const whole = !patch;
  const hunks = patch
    ? patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({
        oldStart,
        oldLines,
        newStart,
        newLines,
        lines,
      }))
    : [
        {
          oldStart: 1,
          oldLines: linesOf(from).length,
          newStart: 1,
          newLines: linesOf(to).length,
          lines: [...linesOf(from).map((line) => `-${line}`), ...linesOf(to).map((line) => `+${line}`)],
        },
      ];
  const count = (sign: string) =>
    hunks.reduce((sum, hunk) => sum + hunk.lines.filter((l) => l.startsWith(sign)).length, 0);
  return { hunks, added: count("+"), removed: count("-"), whole };
}

function linesOf(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
