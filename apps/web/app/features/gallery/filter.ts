/** Which artifacts the gallery shows, and in what order. */
import type { Artifact, ArtifactOrder } from "@folio/protocol";

export interface GalleryView {
  type: string; // "" for all
  language: string; // "" for all
  query: string;
  sort: ArtifactOrder;
  /** A collection's id, "" for all (the workspace lists its members: see gallery-queries.ts). */
  collection: string;
}

// One collator for every comparison: String#localeCompare builds one per call, far too slow for thousands.
const titleOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export const ALL: GalleryView = { type: "", language: "", query: "", sort: "newest", collection: "" };

export function viewArtifacts(artifacts: readonly Artifact[], view: GalleryView): Artifact[] {
  const words = view.query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = artifacts.filter((artifact) => {
    if (view.type && artifact.type !== view.type) return false;
    if (view.language && (artifact.language ?? "") !== view.language) return false;
    if (words.length === 0) return true;
    const haystack = `${artifact.title}\n${artifact.description ?? ""}\n${artifact.content}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  if (view.sort === "title") return shown.sort((a, b) => titleOrder.compare(a.title, b.title));
  if (view.sort === "oldest") return shown.sort((a, b) => a.createdAt - b.createdAt);
  return shown.sort((a, b) => b.createdAt - a.createdAt);
}

/** The distinct values of a field, for the filter menus. */
export function distinct(artifacts: readonly Artifact[], field: "type" | "language"): string[] {
  return [...new Set(artifacts.map((artifact) => artifact[field] ?? "").filter(Boolean))].sort();
}
