import type { Draft } from "../session/cache";

const TAIL_LINES = 12;

/** A code block still being written: its last lines as they stream, until it is saved as an artifact. */
export function DraftCard({ draft, position, total }: { draft: Draft; position?: number; total?: number }) {
  return (
    <article
      aria-label={`Streaming ${draft.lang ?? "code"} block`}
      aria-busy="true"
      aria-posinset={position}
      aria-setsize={total}
      className="rounded-xl border border-dashed border-indigo-300 bg-white p-4 dark:border-indigo-700 dark:bg-slate-900"
    >
      <p className="mb-2 text-xs text-indigo-600 dark:text-indigo-300">
        <span
          className="mr-1 inline-block size-2 animate-pulse rounded-full bg-indigo-500"
          aria-hidden="true"
        />
        Streaming… {draft.info}
      </p>
      <pre className="overflow-hidden text-xs leading-5">
        <code>{draft.code.split("\n").slice(-TAIL_LINES).join("\n")}</code>
      </pre>
    </article>
  );
}
