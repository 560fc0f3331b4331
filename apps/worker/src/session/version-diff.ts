/**
 * The line diff between two versions of an artifact (jsdiff's Myers diff). Its cost grows with how much changed,
 * so it is bounded: past MAX_EDIT_LINES changed lines the versions are treated as unrelated, and the diff removes
 * every old line and adds every new one, at a cost linear in their length.
 */
import type { ArtifactVersion, VersionDiff } from "@folio/protocol";
import { structuredPatch } from "diff";

const CONTEXT_LINES = 3;
const MAX_EDIT_LINES = 1000;

export function diffVersions(from: ArtifactVersion, to: ArtifactVersion): VersionDiff {
  const base = { artifactId: from.artifactId, from: from.version, to: to.version };
  const patch = structuredPatch("", "", from.content, to.content, undefined, undefined, {
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
    return { ...base, added: count("+"), removed: count("-"), whole: false, hunks };
  }
  const removed = linesOf(from.content);
  const added = linesOf(to.content);
  return {
    ...base,
    added: added.length,
    removed: removed.length,
    whole: true,
    hunks: [
      {
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
