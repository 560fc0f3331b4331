/**
 * The line diff of two texts, shaped as a `VersionDiff` (jsdiff's Myers diff, 3 lines of context): the server's
 * diff of two versions and the editor's of unsaved changes are this one. Its cost grows with how much changed, so
 * it is bounded: past MAX_EDIT_LINES changed lines the texts are treated as unrelated, and the diff removes every
 * old line and adds every new one, at a cost linear in their length.
 */
import { structuredPatch } from "diff";
import type { VersionDiff } from "./http.js";

const CONTEXT_LINES = 3;
const MAX_EDIT_LINES = 1000;

export type LineDiff = Pick<VersionDiff, "hunks" | "added" | "removed" | "whole">;

export function lineDiff(from: string, to: string): LineDiff {
  const patch = structuredPatch("", "", from, to, undefined, undefined, {
    context: CONTEXT_LINES,
    maxEditLength: MAX_EDIT_LINES,
  });
  if (patch) {
    const hunks = patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({
      oldStart,
      oldLines,
      newStart,
      newLines,
      lines,
    }));
    const count = (sign: string) =>
      hunks.reduce((sum, hunk) => sum + hunk.lines.filter((line) => line.startsWith(sign)).length, 0);
    return { added: count("+"), removed: count("-"), whole: false, hunks };
  }
  const removed = linesOf(from);
  const added = linesOf(to);
  return {
    added: added.length,
    removed: removed.length,
    whole: true,
    hunks: [
      {
        // As unified diffs number them: a side with no lines starts at 0.
        oldStart: removed.length === 0 ? 0 : 1,
        oldLines: removed.length,
        newStart: added.length === 0 ? 0 : 1,
        newLines: added.length,
        lines: [...removed.map((line) => `-${line}`), ...added.map((line) => `+${line}`)],
      },
    ],
  };
}

function linesOf(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
