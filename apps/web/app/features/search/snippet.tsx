import type { SearchResult } from "@folio/protocol";

/** A search result's excerpt, its matched words marked (from the server's offsets: no markup is parsed). */
export function Snippet({
  result,
  className,
}: {
  result: Pick<SearchResult, "snippet" | "highlights">;
  className?: string;
}) {
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const [start, end] of result.highlights) {
    if (start < from || end > result.snippet.length) continue;
    if (start > from) parts.push(result.snippet.slice(from, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700/60">
        {result.snippet.slice(start, end)}
      </mark>,
    );
    from = end;
  }
  parts.push(result.snippet.slice(from));
  return (
    <p
      data-testid="search-snippet"
      className={`whitespace-pre-wrap break-words font-mono text-xs text-slate-600 dark:text-slate-300 ${className ?? ""}`}
    >
      {parts}
    </p>
  );
}
