import type { Artifact, ArtifactUpdates, SearchResult } from "@folio/protocol";
import { useId, useState } from "react";
import { Link } from "react-router";
import { CollectionsMenu } from "../collections/collections-menu";
import { startArtifactDrag } from "../collections/drag";
import { HighlightedCode } from "../highlight/highlighted-code";
import { canPreview } from "../preview/preview-document";
import { PreviewFrame } from "../preview/preview-frame";
import { Snippet } from "../search/snippet";
import { recordUsage } from "../stats/usage";
import { ArtifactEditor } from "./artifact-editor";
import { download } from "./files";

const PREVIEW_LINES = 12;

function firstLines(code: string): string {
  return code.split("\n").slice(0, PREVIEW_LINES).join("\n");
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export interface ArtifactActions {
  /** `baseVersion`: the version the edit began from (a stale one is refused with `conflict`). */
  onUpdate(artifact: Artifact, updates: ArtifactUpdates, baseVersion?: number): void;
  onDelete(artifact: Artifact): void;
}

const button =
  "rounded-md border border-slate-200 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** One saved artifact in the gallery: title, type, language, size, time, its first lines highlighted, and actions. */
export function ArtifactCard({
  artifact,
  actions,
  position,
  total,
  onOpenChange,
  match,
}: {
  artifact: Artifact;
  /** When the card is a search result: its snippet, matched words marked. */
  match?: SearchResult | undefined;
  actions?: ArtifactActions;
  /** Where the card sits in the gallery's feed (1-based), and how many cards there are. */
  position?: number;
  total?: number;
  /**
   * Told when the card opens (an editor or a preview) and closes again, so the gallery keeps an open card drawn:
   * unsaved edits and a running preview survive scrolling it out of view.
   */
  onOpenChange?(open: boolean): void;
}) {
  const titleId = useId();
  const [mode, setModeState] = useState<"code" | "preview" | "edit">("code");
  function setMode(next: "code" | "preview" | "edit") {
    if ((next === "code") !== (mode === "code")) onOpenChange?.(next !== "code");
    setModeState(next);
  }
  const [copied, setCopied] = useState(false);
  const bytes =
    typeof artifact.metadata.bytes === "number" ? artifact.metadata.bytes : artifact.content.length;
  return (
    <article
      aria-labelledby={titleId}
      aria-posinset={position}
      aria-setsize={total}
      className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      {/* The header is the card's handle: drag it onto a collection in the sidebar. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer's way; the Collections menu is the keyboard's */}
      <header
        draggable={actions !== undefined}
        onDragStart={(event) => startArtifactDrag(event, artifact)}
        title={actions ? "Drag onto a collection to add it there" : undefined}
        className="flex items-baseline justify-between gap-2"
      >
        <h3 id={titleId} className="truncate font-semibold">
          <Link to={`/s/${artifact.sessionId}/a/${artifact.id}`} className="hover:underline">
            {artifact.title}
          </Link>
        </h3>
        <span className="shrink-0 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {artifact.type}
        </span>
      </header>
      {match && <Snippet result={match} />}
      <p className="text-xs text-slate-500">
        {artifact.language ?? "text"} · {formatSize(bytes)} ·{" "}
        <time dateTime={new Date(artifact.createdAt).toISOString()}>
          {new Date(artifact.createdAt).toLocaleTimeString()}
        </time>
        {artifact.metadata.closed === false && " · unfinished"}
      </p>
      {artifact.description && (
        <p className="text-sm text-slate-600 dark:text-slate-300">{artifact.description}</p>
      )}
      {actions && (
        <div className="flex flex-wrap gap-1">
          {canPreview(artifact) && (
            <button
              type="button"
              className={button}
              aria-pressed={mode === "preview"}
              onClick={() => {
                if (mode !== "preview") recordUsage(artifact, "preview");
                setMode(mode === "preview" ? "code" : "preview");
              }}
            >
              Preview
            </button>
          )}
          <button
            type="button"
            className={button}
            onClick={() =>
              void navigator.clipboard.writeText(artifact.content).then(() => {
                recordUsage(artifact, "copy");
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              })
            }
          >
            {copied ? "Copied" : "Copy"}
          </button>
          <button type="button" className={button} onClick={() => download(artifact)}>
            Download
          </button>
          <CollectionsMenu artifact={artifact} className={button} />
          <button type="button" className={button} onClick={() => setMode(mode === "edit" ? "code" : "edit")}>
            Edit
          </button>
          <button type="button" className={button} onClick={() => actions.onDelete(artifact)}>
            Delete
          </button>
        </div>
      )}
      {mode === "preview" ? (
        <PreviewFrame artifact={artifact} />
      ) : mode === "edit" && actions ? (
        <ArtifactEditor
          artifact={artifact}
          onCancel={() => setMode("code")}
          onSave={(updates, baseVersion) => {
            actions.onUpdate(artifact, updates, baseVersion);
            setMode("code");
          }}
        />
      ) : (
        <HighlightedCode code={firstLines(artifact.content)} language={artifact.language} />
      )}
    </article>
  );
}
