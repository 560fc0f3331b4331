/** The library filtered by a collection: its name and description, renamed, described or deleted here. */
import type { Collection } from "@folio/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { deleteCollection, updateCollection } from "./collections";

const button = "rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600";

export function CollectionHeader({ collection, onDeleted }: { collection: Collection; onDeleted(): void }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(collection.name);
  const [description, setDescription] = useState(collection.description ?? "");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await updateCollection(client, collection.id, {
        name,
        description: description === "" ? null : description,
      });
      setEditing(false);
    } catch (error) {
      report(error);
    }
  }

  return (
    <section
      aria-label={`Collection ${collection.name}`}
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      {editing ? (
        <form onSubmit={save} aria-label="Edit the collection" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs">
            Name
            <input
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <label className="flex min-w-64 flex-1 flex-col text-xs">
            Description
            <input
              maxLength={2000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
            />
          </label>
          <button type="submit" className="rounded bg-indigo-600 px-3 py-1 text-sm text-white">
            Save
          </button>
          <button type="button" className={button} onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <div>
            <h2 className="font-semibold">{collection.name}</h2>
            {collection.description && (
              <p className="text-sm text-slate-600 dark:text-slate-300">{collection.description}</p>
            )}
          </div>
          <div className="flex gap-1">
            <button type="button" className={button} onClick={() => setEditing(true)}>
              Rename or describe
            </button>
            {confirming ? (
              <>
                <button
                  type="button"
                  className={`${button} border-red-400 text-red-700 dark:text-red-300`}
                  onClick={() => deleteCollection(client, collection.id).then(onDeleted, report)}
                >
                  Delete “{collection.name}” (its artifacts stay)
                </button>
                <button type="button" className={button} onClick={() => setConfirming(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className={button} onClick={() => setConfirming(true)}>
                Delete collection
              </button>
            )}
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </section>
  );
}
