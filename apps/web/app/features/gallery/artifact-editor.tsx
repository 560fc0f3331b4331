/**
 * Edits an artifact's title, description and content; saving sends one update to the session, based on the
 * version the editing began from. When the artifact changed meanwhile (another tab, the model, a restore), saving
 * never overwrites it unseen: the editor shows how the current version differs from this text, and saves it as
 * the next version only if asked.
 */
import { type Artifact, type ArtifactUpdates, lineDiff } from "@folio/protocol";
import { type FormEvent, useState } from "react";
import { CodeEditor } from "../editor/code-editor";
import { DiffView } from "../versions/diff-view";

export function ArtifactEditor({
  artifact,
  onSave,
  onCancel,
}: {
  artifact: Artifact;
  /** The changes, and the version they are based on (the server refuses them if that is no longer current). */
  onSave(updates: ArtifactUpdates, baseVersion: number): void;
  onCancel(): void;
}) {
  // What the editing began from: the edit is based on it.
  const [base, setBase] = useState(artifact);
  const [title, setTitle] = useState(artifact.title);
  const [description, setDescription] = useState(artifact.description ?? "");
  const [content, setContent] = useState(artifact.content);
  const [reviewing, setReviewing] = useState(false);

  function changesFrom(from: Artifact): ArtifactUpdates {
    const updates: ArtifactUpdates = {};
    if (title.trim() !== from.title) updates.title = title.trim();
    if (description !== (from.description ?? ""))
      updates.description = description === "" ? null : description;
    if (content !== from.content) updates.content = content;
    return updates;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (artifact.version !== base.version) return setReviewing(true);
    const updates = changesFrom(base);
    if (Object.keys(updates).length > 0) onSave(updates, base.version);
    else onCancel();
  }

  if (reviewing) {
    return (
      <section aria-label="Edit conflict" className="flex flex-col gap-2 text-sm">
        <p
          role="alert"
          className="rounded bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          This artifact changed while you were editing: version {artifact.version} is now current, and your
          edit began from version {base.version}. Below, how your text differs from version {artifact.version}
          .
        </p>
        <DiffView diff={lineDiff(artifact.content, content)} />
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="rounded bg-indigo-600 px-3 py-1 text-white"
            onClick={() => {
              const updates = changesFrom(artifact);
              if (Object.keys(updates).length > 0) onSave(updates, artifact.version);
              else onCancel();
            }}
          >
            Save mine as version {artifact.version + 1}
          </button>
          <button
            type="button"
            className="rounded border px-3 py-1"
            onClick={() => {
              // Go on editing from the current version, with this text.
              setBase(artifact);
              setReviewing(false);
            }}
          >
            Keep editing
          </button>
          <button type="button" className="rounded border px-3 py-1" onClick={onCancel}>
            Discard mine
          </button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-label={`Edit ${artifact.title}`} className="flex flex-col gap-2 text-sm">
      <label className="flex flex-col gap-1">
        Title
        <input
          value={title}
          required
          maxLength={500}
          onChange={(event) => setTitle(event.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      <label className="flex flex-col gap-1">
        Description
        <input
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
      </label>
      <div className="flex flex-col gap-1">
        <span aria-hidden="true">Content</span>
        <CodeEditor
          label="Content"
          value={content}
          onChange={setContent}
          language={artifact.language}
          rows={Math.min(20, Math.max(6, content.split("\n").length))}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1 text-white">
          Save
        </button>
        <button type="button" onClick={onCancel} className="rounded border px-3 py-1">
          Cancel
        </button>
      </div>
    </form>
  );
}
