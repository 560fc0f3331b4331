/** Edits an artifact's title, description and content; saving sends one update to the session. */
import type { Artifact, ArtifactUpdates } from "@folio/protocol";
import { type FormEvent, useState } from "react";
import { CodeEditor } from "../editor/code-editor";

export function ArtifactEditor({
  artifact,
  onSave,
  onCancel,
}: {
  artifact: Artifact;
  onSave(updates: ArtifactUpdates): void;
  onCancel(): void;
}) {
  const [title, setTitle] = useState(artifact.title);
  const [description, setDescription] = useState(artifact.description ?? "");
  const [content, setContent] = useState(artifact.content);

  function submit(event: FormEvent) {
    event.preventDefault();
    const updates: ArtifactUpdates = {};
    if (title.trim() !== artifact.title) updates.title = title.trim();
    if (description !== (artifact.description ?? ""))
      updates.description = description === "" ? null : description;
    if (content !== artifact.content) updates.content = content;
    if (Object.keys(updates).length > 0) onSave(updates);
    else onCancel();
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
