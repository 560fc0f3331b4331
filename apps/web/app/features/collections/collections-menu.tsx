/**
 * A card's Collections menu: every collection of the workspace with a checkbox saying whether it holds the
 * artifact (ticking puts it in, unticking takes it out), and a new collection made and filled at once.
 */
import type { Artifact } from "@folio/protocol";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { collectionsQuery, createCollection, holdingQuery, setMembership } from "./collections";

export function CollectionsMenu({ artifact, className }: { artifact: Artifact; className: string }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  return (
    <span className="relative">
      <button
        type="button"
        className={className}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        Collections
      </button>
      {open && <Picker id={menuId} artifact={artifact} onClose={() => setOpen(false)} />}
    </span>
  );
}

function Picker({ id, artifact, onClose }: { id: string; artifact: Artifact; onClose(): void }) {
  const client = useQueryClient();
  const collections = useQuery(collectionsQuery);
  const holding = useQuery(holdingQuery(artifact.id));
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      const collection = await createCollection(client, { name });
      await setMembership(client, collection.id, artifact, true);
      setName("");
    } catch (error) {
      report(error);
    }
  }

  return (
    <fieldset
      id={id}
      aria-label={`Collections of ${artifact.title}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
      className="absolute left-0 z-20 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      {collections.data?.length === 0 && <p className="text-xs text-slate-500">No collections yet.</p>}
      <ul className="max-h-48 space-y-1 overflow-y-auto">
        {collections.data?.map((collection) => (
          <li key={collection.id}>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                disabled={!holding.data}
                checked={holding.data?.has(collection.id) ?? false}
                onChange={(event) =>
                  void setMembership(client, collection.id, artifact, event.target.checked).catch(report)
                }
              />
              <span className="truncate">{collection.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="mt-2 flex gap-1">
        <input
          aria-label="New collection"
          placeholder="New collection…"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="submit" className="rounded bg-indigo-600 px-2 text-white">
          Add
        </button>
      </form>
      {problem && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
