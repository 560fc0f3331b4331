import type { Artifact } from "@folio/protocol";
import type { Draft } from "../session/cache";
import { ArtifactCard } from "./artifact-card";

/** Every artifact of the session, newest first, with blocks still streaming shown ahead of them. */
export function Gallery({ artifacts, drafts }: { artifacts: readonly Artifact[]; drafts: readonly Draft[] }) {
  const newestFirst = [...artifacts].reverse();
  return (
    <section aria-label="Artifacts" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Artifacts ({artifacts.length})
      </h2>
      {drafts.map((draft) => (
        <article
          key={`${draft.messageId}:${draft.index}`}
          aria-label={`Streaming ${draft.lang ?? "code"} block`}
          aria-busy="true"
          className="rounded-xl border border-dashed border-indigo-300 bg-white p-4 dark:bg-slate-900"
        >
          <p className="mb-2 text-xs text-indigo-600">Streaming… {draft.info}</p>
          <pre className="overflow-hidden text-xs leading-5">
            <code>{draft.code.split("\n").slice(-12).join("\n")}</code>
          </pre>
        </article>
      ))}
      {newestFirst.map((artifact) => (
        <ArtifactCard key={artifact.id} artifact={artifact} />
      ))}
      {artifacts.length === 0 && drafts.length === 0 && (
        <p className="text-sm text-slate-500">Code blocks from the conversation will appear here.</p>
      )}
    </section>
  );
}
