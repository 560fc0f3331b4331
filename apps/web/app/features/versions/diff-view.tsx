/**
 * A line diff, shown unified (one column, each line marked added, removed or kept) or side by side (the old text
 * left, the new right, a removed run beside the added run that replaced it, with line numbers). Changes are
 * coloured, and named for screen readers.
 */
import type { VersionDiff } from "@folio/protocol";
import { useState } from "react";

type Hunk = VersionDiff["hunks"][number];

const LINE_STYLES: Record<string, string> = {
  "+": "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-200",
  "-": "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200",
};
const LABELS: Record<string, string> = { "+": "added", "-": "removed", " ": "kept" };

export function DiffView({ diff }: { diff: Pick<VersionDiff, "hunks" | "added" | "removed" | "whole"> }) {
  const [layout, setLayout] = useState<"unified" | "split">("unified");
  if (diff.hunks.length === 0)
    return <p className="mt-2 text-sm text-slate-500">The contents are the same.</p>;
  return (
    <figure className="mt-2">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {diff.added} added, {diff.removed} removed
          {diff.whole ? " (too different to align: every line replaced)" : ""}
        </span>
        <fieldset className="flex gap-1">
          <legend className="sr-only">Layout</legend>
          {(["unified", "split"] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={layout === option}
              onClick={() => setLayout(option)}
              className="rounded border px-2 py-0.5 aria-pressed:bg-slate-800 aria-pressed:text-white dark:aria-pressed:bg-slate-200 dark:aria-pressed:text-slate-900"
            >
              {option === "unified" ? "Unified" : "Side by side"}
            </button>
          ))}
        </fieldset>
      </figcaption>
      {layout === "unified" ? <Unified hunks={diff.hunks} /> : <SideBySide hunks={diff.hunks} />}
    </figure>
  );
}

function HunkHeader({ hunk, span }: { hunk: Hunk; span: number }) {
  return (
    <tr className="bg-slate-100 text-slate-500 dark:bg-slate-800">
      <th colSpan={span} scope="colgroup" className="px-2 text-left font-normal">
        @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
      </th>
    </tr>
  );
}

function Unified({ hunks }: { hunks: readonly Hunk[] }) {
  return (
    <table aria-label="Differences" className="mt-1 block overflow-auto rounded border font-mono text-xs">
      {hunks.map((hunk) => (
        <tbody key={`${hunk.oldStart}:${hunk.newStart}`}>
          <HunkHeader hunk={hunk} span={2} />
          {hunk.lines.map((line, i) => {
            const sign = line[0] ?? " ";
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a hunk's lines never move
              <tr key={i} className={`whitespace-pre ${LINE_STYLES[sign] ?? ""}`}>
                <td aria-label={LABELS[sign]} className="select-none pl-2">
                  {sign === " " ? " " : sign}
                </td>
                <td className="pr-2">{line.slice(1)}</td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}

type Cell = { number: number; text: string; sign: string } | null;

/** A hunk's lines as rows of (old, new): kept lines on both sides, a removed run beside the added run after it. */
export function sideBySideRows(hunk: Hunk): [Cell, Cell][] {
  const rows: [Cell, Cell][] = [];
  let oldNumber = hunk.oldStart;
  let newNumber = hunk.newStart;
  let removed: Cell[] = [];
  let added: Cell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      rows.push([removed[i] ?? null, added[i] ?? null]);
    removed = [];
    added = [];
  };
  for (const line of hunk.lines) {
    const sign = line[0] ?? " ";
    const text = line.slice(1);
    if (sign === "-") removed.push({ number: oldNumber++, text, sign });
    else if (sign === "+") added.push({ number: newNumber++, text, sign });
    else if (sign === " ") {
      flush();
      rows.push([
        { number: oldNumber++, text, sign },
        { number: newNumber++, text, sign },
      ]);
    }
  }
  flush();
  return rows;
}

function SideBySide({ hunks }: { hunks: readonly Hunk[] }) {
  const cells = (cell: Cell, side: string) =>
    cell === null ? (
      <>
        <td className="bg-slate-50 dark:bg-slate-950" />
        <td className="bg-slate-50 dark:bg-slate-950" aria-label={`nothing ${side}`} />
      </>
    ) : (
      <>
        <td className={`select-none px-1 text-right text-slate-400 ${LINE_STYLES[cell.sign] ?? ""}`}>
          {cell.number}
        </td>
        <td
          aria-label={`${LABELS[cell.sign]} ${side}`}
          className={`whitespace-pre pr-2 ${LINE_STYLES[cell.sign] ?? ""}`}
        >
          {cell.text}
        </td>
      </>
    );
  return (
    <table
      aria-label="Differences side by side"
      className="mt-1 block overflow-auto rounded border font-mono text-xs"
    >
      {hunks.map((hunk) => (
        <tbody key={`${hunk.oldStart}:${hunk.newStart}`}>
          <HunkHeader hunk={hunk} span={4} />
          {sideBySideRows(hunk).map(([before, after], i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a hunk's rows never move
            <tr key={i}>
              {cells(before, "before")}
              {cells(after, "after")}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
