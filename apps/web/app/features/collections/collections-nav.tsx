/**
 * The workspace's collections in the sidebar: each opens the library filtered by it, and takes an artifact card
 * dropped on it; "New collection" names one.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { NavLink, useSearchParams } from "react-router";
import { collectionsQuery, createCollection, setMembership } from "./collections";
import { carriesArtifact, draggedArtifact } from "./drag";

const item = "block rounded-md px-2 py-1 text-sm hover:bg-slate-200 dark:hover:bg-slate-800";

export function CollectionsNav({ onProblem }: { onProblem(error: unknown): void }) {
  const client = useQueryClient();
  const collections = useQuery(collectionsQuery);
  const [search] = useSearchParams();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [over, setOver] = useState<string | null>(null);
  const [dropped, setDropped] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await createCollection(client, { name });
      setName("");
      setNaming(false);
    } catch (error) {
      onProblem(error);
    }
  }

  return (
    <section
      aria-labelledby="collections-heading"
      className="border-t border-slate-200 pt-2 dark:border-slate-800"
    >
      <div className="flex items-center justify-between px-2">
        <h2 id="collections-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Collections
        </h2>
        <button
          type="button"
          className="text-xs text-indigo-600 hover:underline"
          onClick={() => setNaming(!naming)}
        >
          New collection
        </button>
      </div>
      {naming && (
        <form onSubmit={submit} aria-label="New collection" className="flex gap-1 px-2 py-1">
          <input
            // biome-ignore lint/a11y/noAutofocus: the form opens to be typed in
            autoFocus
            aria-label="Collection name"
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <button type="submit" className="rounded bg-indigo-600 px-2 text-sm text-white">
            Add
          </button>
        </form>
      )}
      <ul aria-label="Your collections" className="max-h-48 space-y-0.5 overflow-y-auto">
        {collections.data?.map((collection) => (
          <li
            key={collection.id}
            onDragOver={(event) => {
              if (!carriesArtifact(event)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "copy";
              setOver(collection.id);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(event) => {
              event.preventDefault();
              setOver(null);
              const artifact = draggedArtifact(event);
              if (!artifact) return;
              setMembership(client, collection.id, artifact, true)
                .then(() => {
                  setDropped(collection.id);
                  setTimeout(() => setDropped(null), 1500);
                })
                .catch(onProblem);
            }}
            className={over === collection.id ? "rounded-md ring-2 ring-indigo-500" : ""}
          >
            <NavLink
              to={`/library?collectionId=${collection.id}`}
              className={() =>
                `${item} flex justify-between gap-2 ${search.get("collectionId") === collection.id ? "font-semibold" : ""}`
              }
            >
              <span className="truncate">{collection.name}</span>
              <span className="shrink-0 text-xs text-slate-500">
                {dropped === collection.id ? "Added" : collection.artifactCount}
                <span className="sr-only"> artifacts</span>
              </span>
            </NavLink>
          </li>
        ))}
        {collections.data?.length === 0 && !naming && (
          <li className="px-2 text-xs text-slate-500">Group artifacts by project: drag a card here.</li>
        )}
      </ul>
    </section>
  );
}
