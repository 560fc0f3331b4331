import type { Artifact } from "@folio/protocol";
import { useId } from "react";
import { HighlightedCode } from "./highlighted-code";

const PREVIEW_LINES = 12;

function firstLines(code: string): string {
  return code.split("\n").slice(0, PREVIEW_LINES).join("\n");
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** One saved artifact in the gallery: title, type, language, size, time and its first lines highlighted. */
export function ArtifactCard({ artifact }: { artifact: Artifact }) {
  const titleId = useId();
  const bytes =
    typeof artifact.metadata.bytes === "number" ? artifact.metadata.bytes : artifact.content.length;
  return (
    <article
      aria-labelledby={titleId}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 id={titleId} className="truncate font-semibold">
          {artifact.title}
        </h3>
        <span className="shrink-0 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {artifact.type}
        </span>
      </header>
      <p className="text-xs text-slate-500">
        {artifact.language ?? "text"} · {formatSize(bytes)} ·{" "}
        <time dateTime={new Date(artifact.createdAt).toISOString()}>
          {new Date(artifact.createdAt).toLocaleTimeString()}
        </time>
      </p>
      <HighlightedCode code={firstLines(artifact.content)} language={artifact.language} />
    </article>
  );
}
